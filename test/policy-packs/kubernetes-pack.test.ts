/**
 * The Kubernetes pack as the engine runs it: built, booted with run-policy-pack, configured and
 * queried over the Analyzer protocol. The pack is rebuilt first (incremental, under a second when
 * up to date) so that the test never runs a stale bin/.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../../policy-packs/kubernetes/pack";
import { DIGEST, ECR, deployment } from "../../policy-packs/kubernetes/lib/platform.fixtures";
import { type PolicyPackProcess, startPolicyPack } from "../../preview/analyzer-client";
import { recordGraph } from "../../preview/recorder";
import type { Diagnostic } from "../../preview/types";

const PACK_DIR = path.resolve(__dirname, "../../policy-packs/kubernetes");
const EXAMPLE = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "examples/policy-config.json"), "utf8"));
const PLATFORM = policies.filter((p) => !p.name.startsWith("pss-"));
const ofPlatform = (ds: readonly Diagnostic[]) => ds.filter((d) => PLATFORM.some((p) => p.name === d.policyName));
const namespace = (name: string) => ({ type: "kubernetes:core/v1:Namespace", name, urn: `urn:pulumi:dev::bulwark::kubernetes:core/v1:Namespace::${name}`, props: { metadata: { name } } });

describe("kubernetes pack over the Analyzer protocol (platform policies)", () => {
    let pack: PolicyPackProcess;
    before(async () => {
        const tsc = require.resolve("typescript/bin/tsc");
        try {
            execFileSync(process.execPath, [tsc, "-b", PACK_DIR], { stdio: "pipe", timeout: 120_000 });
        } catch (e) {
            throw new Error(`building the pack failed:\n${String((e as { stdout?: Buffer }).stdout ?? e)}`);
        }
        pack = await startPolicyPack(PACK_DIR);
    });
    after(async () => pack?.close());

    it("serves every platform policy with its level, severity, kind, control tags and config schema", async () => {
        const info = await pack.info();
        assert.strictEqual(info.name, "bulwark-kubernetes");
        for (const p of PLATFORM) {
            const served = info.policies.find((q) => q.name === p.name);
            assert.ok(served, `${p.name} is served`);
            assert.strictEqual(served.enforcementLevel, p.enforcementLevel);
            assert.strictEqual(served.severity, p.severity);
            assert.strictEqual(served.policyType, p.kind);
            assert.deepStrictEqual(served.tags, p.tags);
            assert.deepStrictEqual(Object.keys(served.configSchema?.properties ?? {}).sort(), Object.keys(p.configSchema?.properties ?? {}).sort());
        }
        const breakGlass = info.policies.find((q) => q.name === "rbac-cluster-admin-break-glass-only");
        assert.deepStrictEqual(breakGlass?.configSchema?.properties?.breakGlassGroups.default, ["bulwark:break-glass-admins"]);
        assert.ok(breakGlass?.tags.includes("cis-eks-1.8:4.1.1"));
    });

    it("accepts the README's example config, and rejects a bad one naming the property", async () => {
        await pack.configure(EXAMPLE);
        await assert.rejects(pack.configure({ "services-allowed-types": { allowedServiceTypes: "LoadBalancer" } }), /services-allowed-types\.allowedServiceTypes must be array/);
        await assert.rejects(
            pack.configure({ "rbac-cluster-admin-break-glass-only": { breakGlassGroups: [""] } }),
            /rbac-cluster-admin-break-glass-only\.breakGlassGroups\.0 must NOT have fewer than 1 characters/,
        );
    });

    it("reports a violation at the level the config sets", async () => {
        const latest = deployment((spec) => {
            spec.containers[0].image = `${ECR}/web:latest`;
        });
        await pack.configure(EXAMPLE);
        let ds = ofPlatform((await pack.analyze(latest)).diagnostics);
        assert.deepStrictEqual(ds.map((d) => [d.policyName, d.enforcementLevel]), [["images-pinned-by-digest", "mandatory"]]);
        assert.match(ds[0].message, /spec\.template\.spec\.containers\[0\]\.image ".*:latest" uses the mutable tag :latest/);

        await pack.configure({ ...EXAMPLE, "images-pinned-by-digest": { enforcementLevel: "advisory" } });
        ds = ofPlatform((await pack.analyze(latest)).diagnostics);
        assert.deepStrictEqual(ds.map((d) => [d.policyName, d.enforcementLevel]), [["images-pinned-by-digest", "advisory"]]);
        assert.ok(ds[0].urn?.endsWith("::web"), "the diagnostic names the resource");

        await pack.configure({ ...EXAMPLE, "images-pinned-by-digest": "disabled" });
        assert.deepStrictEqual(ofPlatform((await pack.analyze(latest)).diagnostics), []);
    });

    it("runs the default-deny stack policy through AnalyzeStack", async () => {
        await pack.configure(EXAMPLE);
        const deny = {
            type: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
            name: "apps-deny-all",
            props: { metadata: { name: "deny-all", namespace: "apps" }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
        };
        let ds = ofPlatform((await pack.analyzeStack([namespace("apps"), namespace("jobs"), deny])).diagnostics);
        assert.deepStrictEqual(ds.map((d) => [d.policyName, d.enforcementLevel, d.urn]), [
            ["namespaces-default-deny-network-policy", "mandatory", namespace("jobs").urn],
        ]);
        assert.match(ds[0].message, /Namespace "jobs" has no default-deny NetworkPolicy/);
        const until = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
        const exemptions = [{ namespaces: ["kube-system"], justification: "managed by EKS add-ons", expires: until }];
        await pack.configure({ ...EXAMPLE, "namespaces-default-deny-network-policy": { exemptions } });
        ds = ofPlatform((await pack.analyzeStack([namespace("kube-system"), namespace("jobs")])).diagnostics);
        assert.deepStrictEqual(ds.map((d) => [d.enforcementLevel, d.urn]), [
            ["advisory", namespace("kube-system").urn],
            ["mandatory", namespace("jobs").urn],
        ]);
        assert.match(ds[0].message, new RegExp(`^\\[exempted until ${until}: managed by EKS add-ons\\] Namespace "kube-system"`));
    });

    it("checks a recorded program end to end: a compliant namespace and workload pass, each weakening is named", async () => {
        const program = (weaken: boolean) => async () => {
            const k8s = await import("@pulumi/kubernetes");
            const provider = new k8s.Provider("cluster", {});
            const labels = {
                "pod-security.kubernetes.io/enforce": weaken ? "baseline" : "restricted",
                "pod-security.kubernetes.io/enforce-version": "v1.33",
                "pod-security.kubernetes.io/audit": "restricted",
                "pod-security.kubernetes.io/warn": "restricted",
            };
            const ns = new k8s.core.v1.Namespace("apps", { metadata: { name: "apps", labels } }, { provider });
            if (!weaken) {
                new k8s.networking.v1.NetworkPolicy(
                    "apps-deny-all",
                    { metadata: { name: "deny-all", namespace: ns.metadata.name }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
                    { provider },
                );
            }
            const container = {
                name: "app",
                image: weaken ? "nginx:1.27" : `${ECR}/web@${DIGEST}`,
                securityContext: { readOnlyRootFilesystem: true },
                resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
            };
            new k8s.apps.v1.Deployment(
                "web",
                {
                    metadata: { name: "web", namespace: ns.metadata.name },
                    spec: {
                        selector: { matchLabels: { app: "web" } },
                        template: { metadata: { labels: { app: "web" } }, spec: { automountServiceAccountToken: false, containers: [container] } },
                    },
                },
                { provider },
            );
            new k8s.core.v1.Service(
                "web",
                { metadata: { name: "web", namespace: weaken ? undefined : ns.metadata.name }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } },
                { provider },
            );
        };
        await pack.configure(EXAMPLE);
        const good = await recordGraph(program(false), { preview: true });
        assert.deepStrictEqual(ofPlatform((await pack.analyzeGraph(good.resources)).diagnostics).map((d) => d.message), []);

        const weak = await recordGraph(program(true), { preview: true });
        const ds = ofPlatform((await pack.analyzeGraph(weak.resources)).diagnostics);
        assert.deepStrictEqual([...new Set(ds.map((d) => d.policyName))].sort(), [
            "images-approved-registry",
            "images-pinned-by-digest",
            "namespaces-default-deny-network-policy",
            "namespaces-pod-security-restricted",
            "workloads-not-in-default-namespace",
        ]);
        assert.ok(ds.every((d) => d.enforcementLevel === "mandatory"));
        const message = (name: string) => ds.find((d) => d.policyName === name)!.message;
        assert.match(message("images-approved-registry"), /"nginx:1\.27" pulls from docker\.io\/library\/nginx/);
        assert.match(message("workloads-not-in-default-namespace"), /metadata\.namespace is unset/);
    });

    it("judges every way to change an object: patches by what they set, over the Analyzer protocol", async () => {
        await pack.configure(EXAMPLE);
        const PSA = "pod-security.kubernetes.io";
        const resources = [
            // Sets an image and turns Pod Security off: both judged like the whole objects.
            {
                type: "kubernetes:apps/v1:DeploymentPatch",
                name: "web-image",
                props: { metadata: { name: "web", namespace: "apps" }, spec: { template: { spec: { containers: [{ name: "app", image: "nginx:1.27" }] } } } },
            },
            { type: "kubernetes:core/v1:NamespacePatch", name: "apps-psa", props: { metadata: { name: "apps", labels: { [`${PSA}/enforce`]: "privileged" } } } },
            {
                type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRolePatch",
                name: "reader-rules",
                props: { metadata: { name: "reader" }, rules: [{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["create"] }] },
            },
            { type: "kubernetes:core/v1:ServicePatch", name: "web-exposure", props: { metadata: { name: "web", namespace: "apps" }, spec: { type: "NodePort" } } },
            // Leave everything that matters to the live objects: nothing to judge.
            { type: "kubernetes:core/v1:NamespacePatch", name: "apps-team", props: { metadata: { name: "apps", labels: { team: "web" } } } },
            { type: "kubernetes:core/v1:ServicePatch", name: "web-selector", props: { metadata: { name: "web", namespace: "apps" }, spec: { selector: { app: "web" } } } },
        ];
        const verdicts: Record<string, string[]> = {};
        for (const r of resources) {
            const ds = ofPlatform((await pack.analyze(r)).diagnostics).filter((d) => d.enforcementLevel === "mandatory");
            verdicts[r.name] = [...new Set(ds.map((d) => d.policyName))].sort();
        }
        assert.deepStrictEqual(verdicts, {
            "web-image": ["images-approved-registry", "images-pinned-by-digest"],
            "apps-psa": ["namespaces-pod-security-restricted"],
            "reader-rules": ["rbac-no-pod-create"],
            "web-exposure": ["services-allowed-types"],
            "apps-team": [],
            "web-selector": [],
        });
    });

    it("stops a namespace that does not enforce restricted, and only advises on missing audit and warn labels", async () => {
        await pack.configure(EXAMPLE);
        const PSA = "pod-security.kubernetes.io";
        const enforced = { type: "kubernetes:core/v1:Namespace", name: "apps", props: { metadata: { name: "apps", labels: { [`${PSA}/enforce`]: "restricted", [`${PSA}/enforce-version`]: "v1.33" } } } };
        let ds = ofPlatform((await pack.analyze(enforced)).diagnostics);
        assert.deepStrictEqual(ds.map((d) => [d.policyName, d.enforcementLevel]), [
            ["namespaces-pod-security-audit-warn", "advisory"],
            ["namespaces-pod-security-audit-warn", "advisory"],
        ]);
        ds = ofPlatform((await pack.analyze({ ...enforced, props: { metadata: { name: "apps" } } })).diagnostics);
        assert.deepStrictEqual([...new Set(ds.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.policyName))], ["namespaces-pod-security-restricted"]);
    });
});
