import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { runOfflinePreview } from "../../../preview/offline-preview";
import { ROOT } from "../projects";
import { PACKS, outputSink, programProject } from "./programs";

/** The upstream charts the tests and CI render offline: a chart cache beside the checkout. */
const CHART_CACHE = path.resolve(ROOT, "../shared/charts");

// Three ways teams install the same things: a manifest file, a Helm chart through the SDK's own
// helm.v3.Chart (the template invoke), and through helm.v4.Chart (built by the provider).
const PROGRAM = {
    "manifests/debug.yaml": `apiVersion: v1
kind: Pod
metadata:
  name: node-debugger
  namespace: tools
spec:
  hostNetwork: true
  containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        privileged: true
`,
    "package.json": JSON.stringify({ name: "charts", main: "index.ts", dependencies: { "@pulumi/pulumi": "3.248.0", "@pulumi/kubernetes": "4.34.2" } }),
    "index.ts": `import * as k8s from "@pulumi/kubernetes";

new k8s.yaml.ConfigFile("debug", { file: "manifests/debug.yaml" });
new k8s.helm.v3.Chart("logs", {
    chart: "fluent-bit",
    version: "0.58.1",
    fetchOpts: { repo: "https://fluent.github.io/helm-charts" },
    namespace: "logging",
});
new k8s.helm.v4.Chart("detect", {
    chart: "falco",
    version: "9.1.0",
    repositoryOpts: { repo: "https://falcosecurity.github.io/charts" },
    namespace: "falco",
});
`,
};

describe("program host: manifests and charts are analyzed as the objects they create", function () {
    // Type-checked by Pulumi's own TypeScript support, then three renders by a real Helm binary.
    this.timeout(300_000);

    it("flags the objects of a yaml.ConfigFile, a helm.v3.Chart and a helm.v4.Chart rendered from the chart cache", async () => {
        const dir = programProject("charts", PROGRAM);
        const out = outputSink();
        const report = await runOfflinePreview({ projectDir: dir, stack: "dev", packs: PACKS, chartCache: CHART_CACHE, onProgramOutput: out.onProgramOutput });
        assert.deepStrictEqual(report.incomplete, [], "every chart rendered");
        assert.strictEqual(report.timings!.chartsRendered + report.timings!.chartRendersReused, 2, "two charts: helm.v3.Chart's and helm.v4.Chart's");
        const flagged = (policy: string, type: string, name: RegExp) =>
            report.mandatory.some((d) => d.policyName === policy && d.urn?.split("::").at(-2)?.endsWith(type) && name.test(d.urn.split("::").at(-1) ?? ""));

        // The manifest's privileged host-network pod, registered by the SDK's ConfigFile as its child.
        assert.ok(flagged("pss-baseline-privileged", "kubernetes:core/v1:Pod", /node-debugger/), "the manifest's privileged pod");
        assert.ok(flagged("pss-baseline-host-namespaces", "kubernetes:core/v1:Pod", /node-debugger/), "the manifest's host network");
        // fluent-bit through helm.v3.Chart: its DaemonSet mounts host paths and its image is a tag from docker.io.
        assert.ok(flagged("pss-baseline-host-path-volumes", "kubernetes:apps/v1:DaemonSet", /fluent-bit/), "helm.v3.Chart's DaemonSet");
        // falco through helm.v4.Chart: the objects are children of the chart, named as the provider names them.
        const chart = report.resources.find((r) => r.type === "kubernetes:helm.sh/v4:Chart" && r.name === "detect");
        assert.ok(chart);
        const falco = report.resources.find((r) => r.parent === chart.urn && r.type === "kubernetes:apps/v1:DaemonSet");
        assert.ok(falco, "the v4 chart's DaemonSet is its child");
        assert.match(falco.name, /^detect:falco\//);
        assert.ok(flagged("pss-baseline-privileged", "kubernetes:apps/v1:DaemonSet", /^detect:falco\//) || flagged("pss-baseline-capabilities", "kubernetes:apps/v1:DaemonSet", /^detect:falco\//), "helm.v4.Chart's DaemonSet");
    });

    it("renders a chart once per chart, version, values, release and namespace, however often it is asked for", async () => {
        const dir = programProject("charts-twice", {
            "package.json": PROGRAM["package.json"],
            "index.ts": `import * as k8s from "@pulumi/kubernetes";

const falco = { chart: "falco", version: "9.1.0", repositoryOpts: { repo: "https://falcosecurity.github.io/charts" } };
new k8s.helm.v4.Chart("detect", { ...falco, namespace: "falco", values: { driver: { kind: "modern_ebpf" } } });
// The same chart for another release: rendered again, its objects named after it.
new k8s.helm.v4.Chart("detect-staging", { ...falco, namespace: "falco-staging", values: { driver: { kind: "modern_ebpf" } } });
`,
        });
        const first = await runOfflinePreview({ projectDir: dir, stack: "dev", packs: [], chartCache: CHART_CACHE, onProgramOutput: outputSink().onProgramOutput });
        assert.deepStrictEqual(first.incomplete, []);
        assert.strictEqual(first.timings!.chartsRendered + first.timings!.chartRendersReused, 2, "two releases, two renders");
        // A second preview of the same program in this process asks Helm for nothing.
        const second = await runOfflinePreview({ projectDir: dir, stack: "dev", packs: [], chartCache: CHART_CACHE, onProgramOutput: outputSink().onProgramOutput });
        assert.deepStrictEqual([second.timings!.chartsRendered, second.timings!.chartRendersReused], [0, 2]);
        const urns = (r: typeof first) => r.resources.map((x) => x.urn).sort();
        assert.deepStrictEqual(urns(second), urns(first), "the same objects, from the same renders");
    });

    it("lists a helm.v3.Chart that cannot be rendered offline as not analyzed, and the program goes on", async () => {
        // A chart cache without these charts, and repositories that refuse every connection.
        const unreachable = { ...PROGRAM, "index.ts": PROGRAM["index.ts"].replace(/https:\/\/[a-z.]+\/(helm-)?charts/g, "http://127.0.0.1:9/charts") };
        assert.notStrictEqual(unreachable["index.ts"], PROGRAM["index.ts"]);
        const dir = programProject("charts-missing", unreachable);
        const emptyCache = path.join(dir, "empty-cache");
        fs.mkdirSync(emptyCache);
        fs.writeFileSync(path.join(emptyCache, "index.yaml"), "apiVersion: v1\nentries: {}\n");
        const report = await runOfflinePreview({ projectDir: dir, stack: "dev", packs: PACKS, chartCache: emptyCache, onProgramOutput: outputSink().onProgramOutput });
        const types = report.incomplete.map((i) => i.type).sort();
        assert.deepStrictEqual(types, ["kubernetes:helm.sh/v3:Chart", "kubernetes:helm.sh/v4:Chart"]);
        for (const i of report.incomplete) assert.match(i.reason, /could not be fetched|--chart-cache/);
        // The manifest was still analyzed.
        assert.ok(report.mandatory.some((d) => d.policyName === "pss-baseline-privileged" && d.urn?.endsWith("node-debugger")));
    });
});
