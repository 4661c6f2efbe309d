import * as assert from "node:assert/strict";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type RecordOptions, recordGraph, type RecordedGraph } from "../../preview/recorder";
import type { RecordedResource } from "../../preview/types";

/** A provider for the component under test; the kubeconfig is never read under mocks. */
export function testProvider(): k8s.Provider {
    return new k8s.Provider("cluster", { kubeconfig: "{}" });
}

/**
 * Records a component built by `build`, with the test provider. Returns the graph and the
 * component's URN so a test can check the children's parent and provider.
 */
export async function recordComponent<T extends pulumi.ComponentResource>(
    build: (provider: k8s.Provider) => T,
    options: RecordOptions = {},
): Promise<RecordedGraph<{ urn: string; providerUrn: string }> & { component: (type: string) => RecordedResource }> {
    const graph = await recordGraph(() => {
        const provider = testProvider();
        const component = build(provider);
        return { urn: component.urn, providerUrn: provider.urn };
    }, options);
    // The recorder resolves the returned outputs, so the URNs come back as strings.
    const resolved = graph as unknown as RecordedGraph<{ urn: string; providerUrn: string }>;
    return Object.assign(resolved, {
        component: (type: string) => {
            const found = resolved.byType(type);
            assert.equal(found.length, 1, `expected one ${type}`);
            return found[0];
        },
    });
}

/**
 * Asserts that `build` is refused with an InputPropertiesError naming exactly `paths` (in any
 * order), and that nothing but the root stack and the provider was registered.
 */
export async function assertRejected(
    build: (provider: k8s.Provider) => unknown,
    paths: readonly string[],
): Promise<pulumi.InputPropertiesError> {
    let caught: unknown;
    const graph = await recordGraph(() => {
        const provider = testProvider();
        try {
            build(provider);
        } catch (err) {
            caught = err;
        }
        return {};
    });
    assert.ok(pulumi.InputPropertiesError.isInstance(caught), `expected an InputPropertiesError, got ${String(caught)}`);
    const err = caught as pulumi.InputPropertiesError;
    assert.deepEqual(err.errors.map((e) => e.propertyPath).sort(), [...paths].sort(), err.message);
    const registered = graph.resources.filter((r) => r.type !== "pulumi:pulumi:Stack" && !r.isProvider);
    assert.deepEqual(registered.map((r) => `${r.type}::${r.name}`), [], "no resource may be registered");
    return err;
}

/** Asserts every non-provider resource under the component has it as ancestor and the test provider. */
export function assertParentsAndProviders(graph: RecordedGraph<{ urn: string; providerUrn: string }>): void {
    const { urn, providerUrn } = graph.result;
    const byUrn = new Map(graph.resources.map((r) => [r.urn, r]));
    const under = graph.resources.filter((r) => {
        for (let p = r.parent; p !== undefined; p = byUrn.get(p)?.parent) if (p === urn) return true;
        return false;
    });
    assert.ok(under.length > 0, "the component registered no children");
    // Custom resources and remote components (helm Charts) both take the provider.
    for (const r of under.filter((x) => x.custom || x.type.startsWith("kubernetes:"))) {
        assert.ok(r.provider?.startsWith(`${providerUrn}::`), `${r.name} must use the component's provider, got ${r.provider}`);
    }
    const top = graph.resources.filter((r) => r.urn === urn)[0];
    assert.ok(top, "component recorded");
}

/** The children of the component, custom or not, at any depth. */
export function descendants(graph: RecordedGraph<unknown>, urn: string): RecordedResource[] {
    const out: RecordedResource[] = [];
    const walk = (u: string) => {
        for (const c of graph.childrenOf(u)) {
            out.push(c);
            walk(c.urn);
        }
    };
    walk(urn);
    return out;
}
