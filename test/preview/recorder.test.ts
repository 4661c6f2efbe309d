import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { recordGraph } from "../../preview/recorder";
import { UNKNOWN } from "../../preview/types";
import { sampleProgram } from "./sample-component";

describe("preview engine: recorder", () => {
    it("records every resource with its parent, provider and dependency edges", async () => {
        const graph = await recordGraph(sampleProgram);
        const component = graph.named("sample", "bulwark:test:Sample");
        const key = graph.named("sample-key", "aws:kms/key:Key");
        const logs = graph.named("sample-logs");
        const ns = graph.named("sample-ns");
        const pod = graph.named("sample-pod");
        const provider = graph.named("cluster", "pulumi:providers:kubernetes");

        assert.strictEqual(component.parent, graph.stack.urn, "top-level resources are children of the stack");
        assert.strictEqual(component.custom, false);
        for (const child of [key, logs, ns, pod]) assert.strictEqual(child.parent, component.urn);
        assert.deepStrictEqual(
            graph.childrenOf(component.urn).map((r) => r.name).sort(),
            ["sample-key", "sample-logs", "sample-ns", "sample-pod"],
        );
        assert.ok(provider.isProvider);
        assert.ok(ns.provider?.startsWith(`${provider.urn}::`), `namespace provider is ${ns.provider}`);
        assert.ok(pod.provider?.startsWith(`${provider.urn}::`));
        assert.strictEqual(key.provider, undefined, "no explicit provider: the default one");
        assert.deepStrictEqual(logs.dependencies, [key.urn]);
        assert.deepStrictEqual(logs.propertyDependencies.kmsKeyId, [key.urn]);
        assert.deepStrictEqual(pod.propertyDependencies.metadata, [ns.urn]);
        assert.strictEqual(key.inputs.enableKeyRotation, true);
        assert.match(key.urn, /^urn:pulumi:dev::bulwark::bulwark:test:Sample\$aws:kms\/key:Key::sample-key$/);
    });

    it("resolves outputs outside preview, as the mocks return them", async () => {
        const graph = await recordGraph(sampleProgram);
        assert.strictEqual(graph.result.keyArn, "arn:aws:kms:us-east-1:123456789012:sample-key");
        assert.strictEqual(graph.named("sample-logs").inputs.kmsKeyId, "arn:aws:kms:us-east-1:123456789012:sample-key");
        assert.strictEqual(graph.result.namespace, "sample");
    });

    it("in preview, outputs the mocks leave out are unknown, in inputs and results alike", async () => {
        const graph = await recordGraph(sampleProgram, { preview: true });
        assert.strictEqual(graph.result.keyArn, UNKNOWN);
        assert.strictEqual(graph.named("sample-logs").inputs.kmsKeyId, UNKNOWN);
        // The namespace name was an input, so the mock echoes it and it stays known.
        assert.strictEqual(graph.result.namespace, "sample");
        assert.strictEqual(graph.named("sample-key").id, undefined);
    });

    it("fails with the program's own error, even one thrown inside an apply, and records again afterwards", async () => {
        await assert.rejects(
            recordGraph(() => {
                throw new pulumi.InputPropertiesError({ message: "Sample: 1 invalid argument", errors: [{ propertyPath: "size", reason: "must be positive" }] });
            }),
            (e: pulumi.InputPropertiesError) => e.errors[0].propertyPath === "size",
        );
        await assert.rejects(
            recordGraph(() => {
                pulumi.output("x").apply(() => {
                    throw new Error("failed inside an apply");
                });
            }),
            /failed inside an apply/,
        );
        const graph = await recordGraph(sampleProgram);
        assert.ok(graph.named("sample-key"));
    });

    it("passes stack config, secrets included, and reports a failing program", async () => {
        const graph = await recordGraph(
            () => {
                const c = new pulumi.Config();
                return { region: c.require("region"), token: c.requireSecret("token") };
            },
            { config: { region: "eu-west-1", token: "s3cr3t" }, secretKeys: ["token"] },
        );
        assert.strictEqual(graph.result.region, "eu-west-1");
        assert.strictEqual(graph.result.token, "s3cr3t");
        await assert.rejects(
            recordGraph(() => new pulumi.Config().require("missing")),
            /Missing required configuration variable 'bulwark:missing'/,
        );
    });
});
