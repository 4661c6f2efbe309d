import * as assert from "assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as k8s from "@pulumi/kubernetes";
import { type ExpandContext, type ExpandOutcome, expandComponent, handleInvoke } from "../../../preview/expand";
import { glob } from "../../../preview/expand/yaml-v2";
import { recordGraph } from "../../../preview/recorder";
import { UNKNOWN } from "../../../preview/types";

const FIXTURES = path.join(__dirname, "fixtures");
const ROOT = path.resolve(__dirname, "../../..");
const ctx: ExpandContext = { projectDir: FIXTURES, project: "test", stack: "dev" };

function children(out: ExpandOutcome) {
    if (!out.expanded) assert.fail(out.reason);
    return out.children.map((c) => ({ type: c.type, name: c.name, ns: c.inputs.metadata?.namespace, apiVersion: c.inputs.apiVersion }));
}

async function decode(text: string, defaultNamespace?: string): Promise<any[]> {
    const out = await handleInvoke("kubernetes:yaml:decode", { text, ...(defaultNamespace ? { defaultNamespace } : {}) }, ctx);
    assert.ok(out.handled);
    return out.result.result as any[];
}

describe("preview engine: YAML manifests expanded offline", () => {
    it("kubernetes:yaml:decode answers as the provider: empty and kind-less documents skipped, lists left to the SDK", async () => {
        const objs = await decode(fs.readFileSync(path.join(FIXTURES, "privileged.yaml"), "utf8"));
        assert.deepStrictEqual(objs.map((o) => `${o.apiVersion}/${o.kind}`), ["v1/List", "apps/v1/Deployment"]);
        assert.strictEqual(objs[0].items.length, 2, "the provider returns the List whole; the SDK's JS code flattens it");
        assert.strictEqual(objs[1].metadata.namespace, undefined, "no default namespace without one asked for");
        const namespaced = await decode("kind: Pod\napiVersion: v1\nmetadata: {name: p}\n---\nkind: Namespace\napiVersion: v1\nmetadata: {name: n}\n---\nkind: Widget\napiVersion: example.com/v1\nmetadata: {name: w}\n", "team");
        assert.deepStrictEqual(namespaced.map((o) => o.metadata.namespace), ["team", undefined, "team"]);
        assert.deepStrictEqual(await decode(""), []);
        assert.deepStrictEqual((await decode("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, creationTimestamp: null}\ndata: {a: ~}\n"))[0],
            { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: {} }, "null entries are dropped, as the provider marshals its answer");
        assert.deepStrictEqual((await handleInvoke("aws:index/getRegion:getRegion", {}, ctx)).handled, false);
    });

    it("reads YAML 1.1 as the provider's decoder does: yes/on are true, 0755 is octal, timestamps stay strings", async () => {
        const [pod] = await decode([
            "apiVersion: v1", "kind: Pod", "metadata: {name: p, annotations: {when: 2026-01-01, quoted: 'yes'}}",
            "spec:", "  hostPID: on", "  containers:", "  - name: c", "    securityContext: {privileged: yes, allowPrivilegeEscalation: No}",
            "  volumes:", "  - name: v", "    configMap: {name: c, defaultMode: 0755}",
        ].join("\n"));
        assert.strictEqual(pod.spec.hostPID, true);
        assert.strictEqual(pod.spec.containers[0].securityContext.privileged, true);
        assert.strictEqual(pod.spec.containers[0].securityContext.allowPrivilegeEscalation, false);
        assert.strictEqual(pod.spec.volumes[0].configMap.defaultMode, 0o755);
        assert.strictEqual(pod.metadata.annotations.when, "2026-01-01");
        assert.strictEqual(pod.metadata.annotations.quoted, "yes");
    });

    it("bad YAML names its source; a document that is not a mapping is refused", async () => {
        await assert.rejects(decode("a: [unclosed"), /yaml.ConfigFile\/ConfigGroup YAML: invalid YAML/);
        await assert.rejects(decode("- just\n- a list\n"), /document 1 is not a Kubernetes object/);
    });

    it("yaml.ConfigFile under the in-process mocks: the privileged pod inside a List becomes a child, transformations applied", async () => {
        const graph = await recordGraph(() => new k8s.yaml.ConfigFile("app", {
            file: path.join(FIXTURES, "privileged.yaml"),
            transformations: [(o: any) => { if (o.kind === "Deployment") o.metadata.labels = { transformed: "yes" }; }],
        }), { preview: true });
        const file = graph.named("app", "kubernetes:yaml:ConfigFile");
        const pod = graph.named("edge/sniffer", "kubernetes:core/v1:Pod");
        assert.strictEqual((pod.inputs as any).spec.hostNetwork, true);
        assert.strictEqual((pod.inputs as any).spec.containers[0].securityContext.privileged, true);
        assert.strictEqual(graph.named("edge", "kubernetes:core/v1:Namespace").parent, file.urn);
        assert.deepStrictEqual((graph.named("web", "kubernetes:apps/v1:Deployment").inputs as any).metadata.labels, { transformed: "yes" });
        assert.strictEqual(graph.childrenOf(file.urn).length, 3);
    });

    it("helm.v3.Chart under the in-process mocks: the rendered objects are the chart's children", async function () {
        this.timeout(60_000);
        const saved = process.env.BULWARK_CHART_CACHE;
        process.env.BULWARK_CHART_CACHE = path.resolve(ROOT, "../shared/charts");
        try {
            const graph = await recordGraph(() => new k8s.helm.v3.Chart("fb", {
                chart: "fluent-bit", version: "0.46.11", namespace: "logging", fetchOpts: { repo: "https://fluent.github.io/helm-charts" },
            }), { preview: true });
            const chart = graph.named("fb", "kubernetes:helm.sh/v3:Chart");
            const ds = graph.named("logging/fb-fluent-bit", "kubernetes:apps/v1:DaemonSet");
            assert.strictEqual(ds.parent, chart.urn);
            assert.ok(graph.byType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole").length === 1);
            assert.ok(!graph.resources.some((r) => r.name.includes("test-connection")), "the test hook Pod is left out");
        } finally {
            if (saved === undefined) delete process.env.BULWARK_CHART_CACHE;
            else process.env.BULWARK_CHART_CACHE = saved;
        }
    });

    it("yaml.v2.ConfigGroup: sorted glob matches, then inline yaml, then objs; lists flattened; core group and namespace normalized", async () => {
        const out = await expandComponent("kubernetes:yaml/v2:ConfigGroup", "grp", {
            files: ["group/*.yaml"],
            yaml: "apiVersion: v1\nkind: Secret\nmetadata:\n  name: inline\n",
            objs: [{ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "robot", namespace: "bots" } }],
        }, { ...ctx, defaultNamespace: "apps" });
        assert.deepStrictEqual(children(out), [
            { type: "kubernetes:core/v1:ConfigMap", name: "grp:apps/a", ns: "apps", apiVersion: "v1" },
            { type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", name: "grp:reader", ns: undefined, apiVersion: "rbac.authorization.k8s.io/v1" },
            { type: "kubernetes:core/v1:ConfigMap", name: "grp:kept/b1", ns: "kept", apiVersion: "v1" },
            { type: "kubernetes:core/v1:ConfigMap", name: "grp:apps/b2", ns: "apps", apiVersion: "v1" },
            { type: "kubernetes:core/v1:Secret", name: "grp:apps/inline", ns: "apps", apiVersion: "v1" },
            { type: "kubernetes:core/v1:ServiceAccount", name: "grp:bots/robot", ns: "bots", apiVersion: "v1" },
        ]);
        const noPrefix = await expandComponent("kubernetes:yaml/v2:ConfigGroup", "grp", { files: ["group/c.yml", "group/none-*.yaml"], resourcePrefix: "" }, ctx);
        assert.deepStrictEqual(children(noPrefix).map((c) => c.name), ["default/c"], "an empty prefix is none; a glob matching nothing adds nothing");
    });

    it("yaml.v2.ConfigFile: a file relative to the project folder; its errors name the file and the fix", async () => {
        const bad = await expandComponent("kubernetes:yaml/v2:ConfigFile", "cf", { file: "privileged.yaml" }, ctx);
        assert.strictEqual(bad.expanded, false, "a document without kind fails the provider, and so the expansion");
        assert.match(!bad.expanded ? bad.reason : "", /yaml\.v2\.ConfigFile cf: Kubernetes resources require a kind and apiVersion/);
        const ok = await expandComponent("kubernetes:yaml/v2:ConfigFile", "cf", { file: "group/b.yaml", skipAwait: true }, ctx);
        assert.deepStrictEqual(children(ok).map((c) => c.name), ["cf:reader", "cf:kept/b1", "cf:default/b2"]);
        assert.strictEqual(ok.expanded && (ok.children[0].inputs as any).metadata.annotations["pulumi.com/skipAwait"], "true");
        const missing = await expandComponent("kubernetes:yaml/v2:ConfigFile", "cf", { file: "nope.yaml" }, ctx);
        assert.match(!missing.expanded ? missing.reason : "", /cannot read .*nope\.yaml \(files are relative to the project folder/);
        const noName = await expandComponent("kubernetes:yaml/v2:ConfigGroup", "g", { yaml: "apiVersion: v1\nkind: Pod\nmetadata: {}\n" }, ctx);
        assert.match(!noName.expanded ? noName.reason : "", /require a \.metadata\.name/);
    });

    it("unknown inputs are reported, never expanded to nothing", async () => {
        const out = await expandComponent("kubernetes:yaml/v2:ConfigGroup", "g", { objs: [{ apiVersion: "v1", kind: "Pod", metadata: { name: UNKNOWN } }] }, ctx);
        assert.strictEqual(out.expanded, false);
        assert.match(!out.expanded ? out.reason : "", /objs\[0\]\.metadata\.name unknown at preview/);
        const other = await expandComponent("kubernetes:eks:Cluster", "c", {}, ctx);
        assert.match(!other.expanded ? other.reason : "", /built by its provider/);
    });

    it("globs follow Go's filepath.Match: *, ? and classes within one folder, sorted", async () => {
        assert.deepStrictEqual((await glob("group/[ab].yaml", FIXTURES)).map((p) => path.basename(p)), ["a.yaml", "b.yaml"]);
        assert.deepStrictEqual((await glob("group/?.y*", FIXTURES)).map((p) => path.basename(p)), ["a.yaml", "b.yaml", "c.yml"]);
        assert.deepStrictEqual(await glob("*/[^a-b].yml", FIXTURES), [path.join(FIXTURES, "group", "c.yml")]);
    });
});
