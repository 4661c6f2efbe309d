/**
 * Behaviour of the non-PSS Kubernetes policies beyond their fixtures: config validation, exemptions,
 * the provider's namespace, unknown values beside known violations, and the shipped config examples.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { expandSettings } from "../../policy-packs/common/settings";
import type { BulwarkPolicy } from "../../policy-packs/common/policy";
import { packName, policies } from "../../policy-packs/kubernetes/pack";
import { deployment } from "../../policy-packs/kubernetes/lib/platform.fixtures";
import { reconcileConfig } from "../../preview/policy-config";
import { type PolicyInput, analyzeResource, analyzeStack } from "../../preview/policy-runner";
import { UNKNOWN } from "../../preview/types";

const PACK_DIR = path.resolve(__dirname, "../../policy-packs/kubernetes");
const policy = (name: string): BulwarkPolicy => {
    const p = policies.find((q) => q.name === name);
    assert.ok(p, `policy ${name} is in the pack`);
    return p;
};
const run = (name: string, resource: PolicyInput, config: Record<string, unknown> = {}) =>
    analyzeResource([policy(name)], resource, { packName, config: { [name]: config } });

const namespace = (name: string, labels: Record<string, string> = {}): PolicyInput => ({
    type: "kubernetes:core/v1:Namespace",
    name,
    props: { metadata: { name, labels } },
});

describe("kubernetes pack (platform policies): config", () => {
    it("rejects a config that breaks a schema, naming the policy and property", async () => {
        await assert.rejects(run("images-approved-registry", deployment(), { allowedRegistries: "ghcr.io/acme" }), /images-approved-registry\.allowedRegistries must be array/);
        await assert.rejects(
            run("images-approved-registry", deployment(), { allowedRegistries: ["https://ghcr.io/acme"] }),
            /images-approved-registry\.allowedRegistries\.0 must match pattern/,
        );
        await assert.rejects(
            run("services-allowed-types", { type: "kubernetes:core/v1:Service", props: {} }, { allowedServiceTypes: ["Public"] }),
            /services-allowed-types\.allowedServiceTypes\.0 must be equal to one of the allowed values/,
        );
        await assert.rejects(
            run("helm-chart-approved-repository", { type: "kubernetes:helm.sh/v3:Release", props: {} }, { allowedChartRepositories: ["charts.example.com"] }),
            /helm-chart-approved-repository\.allowedChartRepositories\.0 must match pattern/,
        );
        await assert.rejects(
            run("containers-resource-limits", deployment(), { requiredResources: ["limits.gpu"] }),
            /containers-resource-limits\.requiredResources\.0 must be equal to one of the allowed values/,
        );
        await assert.rejects(
            run("rbac-cluster-admin-break-glass-only", { type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", props: {} }, {
                exemptions: [{ namespaces: ["x"] }],
            }),
            /rbac-cluster-admin-break-glass-only\.exemptions\.0\.justification is required/,
        );
    });

    it("fills defaults from the schemas: ClusterIP only, the default break-glass group", async () => {
        const lb = await run("services-allowed-types", {
            type: "kubernetes:core/v1:Service",
            props: { metadata: { name: "web", namespace: "apps" }, spec: { type: "LoadBalancer" } },
        });
        assert.match(lb.diagnostics[0]?.message ?? "", /allowed: ClusterIP\)/);
        const crb = await run("rbac-cluster-admin-break-glass-only", {
            type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
            props: { roleRef: { kind: "ClusterRole", name: "cluster-admin" }, subjects: [{ kind: "Group", name: "bulwark:break-glass-admins" }] },
        });
        assert.deepStrictEqual(crb.diagnostics, []);
    });

    it("accepts the shipped policy-pack config example, and the pack-wide settings example once expanded", () => {
        const infos = policies.map((p) => ({ name: p.name, enforcementLevel: p.enforcementLevel, configSchema: p.configSchema as any }));
        const config = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "examples/policy-config.json"), "utf8"));
        const reconciled = reconcileConfig(infos, config);
        assert.strictEqual(reconciled["containers-resource-limits"].enforcementLevel, "mandatory");
        assert.deepStrictEqual(reconciled["rbac-cluster-admin-break-glass-only"].breakGlassGroups, ["bulwark:break-glass-admins"]);

        const settings = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "examples/settings.json"), "utf8"));
        const keys = policies.map((p) => ({ name: p.name, keys: Object.keys(p.configSchema?.properties ?? {}) }));
        const expanded = expandSettings(settings, keys);
        reconcileConfig(infos, expanded);
        assert.deepStrictEqual(expanded["images-approved-registry"].allowedRegistries, settings.allowedRegistries);
        assert.strictEqual(expanded["containers-resource-limits"].enforcementLevel, "mandatory");
        assert.ok(expanded["namespaces-default-deny-network-policy"].exemptions, "pack-wide exemptions reach the stack policy");
        assert.strictEqual(expanded["images-pinned-by-digest"], undefined, "settings go only to policies that declare them");
    });
});

describe("kubernetes pack (platform policies): exemptions", () => {
    const bare = namespace("monitoring");
    // Exemptions of mandatory high and critical policies must end, at most 180 days from today.
    const until = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const exemption = (extra: Record<string, unknown>) => ({
        exemptions: [{ justification: "node-exporter reads host metrics; reviewed by platform security", expires: until, ...extra }],
    });

    it("a matching exemption turns the violation into an advisory note with its justification", async () => {
        const { diagnostics } = await run("namespaces-pod-security-restricted", bare, exemption({ namespaces: ["monitoring"] }));
        assert.ok(diagnostics.length > 0);
        for (const d of diagnostics) {
            assert.strictEqual(d.enforcementLevel, "advisory");
            assert.match(d.message, new RegExp(`^\\[exempted until ${until}: node-exporter reads host metrics`));
        }
    });

    it("an expired exemption does not apply: the violation stays mandatory and says it expired", async () => {
        const { diagnostics } = await run("namespaces-pod-security-restricted", bare, exemption({ namespaces: ["monitoring"], expires: "2020-01-31" }));
        assert.ok(diagnostics.length > 0);
        for (const d of diagnostics) {
            assert.strictEqual(d.enforcementLevel, "mandatory");
            assert.match(d.message, /it expired on 2020-01-31/);
            assert.doesNotMatch(d.message, /\[exempted/);
        }
    });

    it("an exemption scoped to another namespace does not apply", async () => {
        const lb: PolicyInput = { type: "kubernetes:core/v1:Service", name: "web", props: { metadata: { name: "web", namespace: "apps" }, spec: { type: "LoadBalancer" } } };
        const other = await run("services-allowed-types", lb, exemption({ namespaces: ["ingress"] }));
        assert.deepStrictEqual(other.diagnostics.map((d) => d.enforcementLevel), ["mandatory"]);
        assert.doesNotMatch(other.diagnostics[0].message, /exempted|exemption/);
        const own = await run("services-allowed-types", lb, exemption({ namespaces: ["apps"] }));
        assert.deepStrictEqual(own.diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
    });

    it("a stack policy's exemption is scoped by the namespace it reports on", async () => {
        const name = "namespaces-default-deny-network-policy";
        const config = { [name]: exemption({ namespaces: ["monitoring"] }) };
        const { diagnostics } = await analyzeStack([policy(name)], [namespace("monitoring"), namespace("apps")], { packName, config });
        const byLevel = Object.fromEntries(diagnostics.map((d) => [d.enforcementLevel, d.message]));
        assert.match(byLevel.advisory, /^\[exempted until \d{4}-\d{2}-\d{2}: .*Namespace "monitoring"/);
        assert.match(byLevel.mandatory, /Namespace "apps"/);
        assert.strictEqual(diagnostics.length, 2);
    });
});

describe("kubernetes pack (platform policies): namespaces and unknowns", () => {
    const provider = (props: Record<string, unknown>) => ({ type: "pulumi:providers:kubernetes", urn: "urn:pulumi:dev::bulwark::pulumi:providers:kubernetes::k8s", name: "k8s", props });

    it("an unset namespace is the provider's namespace when it sets one, else default", async () => {
        const unset = deployment(() => {}, null);
        const viaApps = await run("workloads-not-in-default-namespace", { ...unset, provider: provider({ namespace: "apps" }) });
        assert.deepStrictEqual(viaApps.diagnostics, []);
        const viaDefault = await run("workloads-not-in-default-namespace", { ...unset, provider: provider({ namespace: "default" }) });
        assert.match(viaDefault.diagnostics[0]?.message ?? "", /the provider's namespace is "default"/);
        const viaNothing = await run("workloads-not-in-default-namespace", { ...unset, provider: provider({}) });
        assert.match(viaNothing.diagnostics[0]?.message ?? "", /lands in the default namespace/);
        const viaUnknown = await run("workloads-not-in-default-namespace", { ...unset, provider: provider({ namespace: UNKNOWN }) });
        assert.deepStrictEqual(viaUnknown.diagnostics.map((d) => d.enforcementLevel), ["advisory"]);
        assert.match(viaUnknown.diagnostics[0].message, /^can't run policy 'workloads-not-in-default-namespace'.*during preview/);
    });

    it("reports the known violations of a resource and, having judged it, no \"can't run\" beside them", async () => {
        const d = deployment((spec) => {
            spec.initContainers[0].image = UNKNOWN;
            spec.containers[0].image = "nginx:1.27";
        });
        const { diagnostics } = await run("images-pinned-by-digest", d);
        assert.deepStrictEqual(diagnostics.map((x) => x.enforcementLevel), ["mandatory"]);
        assert.match(diagnostics[0].message, /spec\.template\.spec\.containers\[0\]\.image "nginx:1\.27" uses the tag :1\.27/);

        // With nothing known to be wrong, the unknown part is deferred to the update.
        const pinned = deployment((spec) => {
            spec.initContainers[0].image = UNKNOWN;
        });
        const deferred = await run("images-pinned-by-digest", pinned);
        assert.deepStrictEqual(deferred.diagnostics.map((x) => x.enforcementLevel), ["advisory"]);
        assert.match(deferred.diagnostics[0].message, /can't run .* during preview: .*initContainers\.0\.image/);
    });

    it("no policy of the pack gives a resource both a violation and \"can't run during preview\"", async () => {
        // Every known container field wrong, one unknown beside them: each policy that reports must report only violations.
        const d = deployment((spec) => {
            spec.automountServiceAccountToken = undefined;
            spec.hostPID = true;
            spec.initContainers[0].image = UNKNOWN;
            spec.containers[0] = { name: "app", image: "nginx", securityContext: { privileged: true, capabilities: { add: ["SYS_ADMIN"] } } };
        }, "default");
        const { diagnostics } = await analyzeResource(policies, d, { packName });
        const byPolicy = new Map<string, string[]>();
        for (const x of diagnostics) byPolicy.set(x.policyName, [...(byPolicy.get(x.policyName) ?? []), x.message]);
        assert.ok(byPolicy.size > 5, "several policies report");
        for (const [name, messages] of byPolicy) {
            const cantRun = messages.filter((m) => m.startsWith("can't run"));
            assert.ok(cantRun.length === 0 || cantRun.length === messages.length, `${name} gave both:\n${messages.join("\n")}`);
        }
    });

    it("attributes a NetworkPolicy whose namespace is unknown at preview to the Namespace it depends on", async () => {
        const name = "namespaces-default-deny-network-policy";
        const jobs: PolicyInput = { ...namespace("jobs"), urn: "urn:pulumi:dev::bulwark::kubernetes:core/v1:Namespace::jobs" };
        const deny: PolicyInput = {
            type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
            name: "jobs-deny-all",
            props: { metadata: { namespace: UNKNOWN }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
            propertyDependencies: { metadata: [jobs.urn!] },
        };
        const { diagnostics } = await analyzeStack([policy(name)], [jobs, namespace("apps"), deny], { packName });
        const real = diagnostics.filter((d) => !d.message.startsWith("can't run"));
        assert.deepStrictEqual(real.map((d) => d.message.match(/Namespace "(\w+)"/)?.[1]), ["apps"]);
    });
});

describe("kubernetes pack (platform policies): README", () => {
    const readme = fs.readFileSync(path.join(PACK_DIR, "README.md"), "utf8");

    it("documents every policy with the level and severity the code declares", () => {
        for (const p of policies) {
            const row = readme.split("\n").find((l) => l.startsWith(`| \`${p.name}\` |`));
            assert.ok(row, `${p.name} has a row in a policy table`);
            const cells = row.split("|").map((c) => c.trim());
            const m = p.metadata;
            assert.ok(cells.includes(m.enforcementLevel) && cells.includes(m.severity), `${p.name}: ${m.enforcementLevel}, ${m.severity} in "${row}"`);
        }
    });

    it("documents every config key a policy declares", () => {
        for (const p of policies) {
            for (const key of Object.keys(p.configSchema?.properties ?? {})) assert.ok(readme.includes(`| \`${key}\` |`), `${p.name}.${key} is documented`);
        }
    });
});
