import * as assert from "assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import * as yaml from "js-yaml";
import { type ExpandContext, type ExpandedChild, expandComponent, handleInvoke, NotExpandableError } from "../../../preview/expand";
import { locateHelm } from "../../../preview/expand/helm-binary";
import { resolveChart } from "../../../preview/expand/charts";
import { render } from "../../../preview/expand/render";
import { UNKNOWN } from "../../../preview/types";

const ROOT = path.resolve(__dirname, "../../..");
// The upstream charts beside the checkout, a Helm repository folder (see its README).
const CHARTS = path.resolve(ROOT, "../shared/charts");
const ctx: ExpandContext = { projectDir: ROOT, chartCache: CHARTS, project: "test", stack: "dev" };
const run = promisify(execFile);

/** What `helm template` itself prints for a chart archive, parsed with nothing of Bulwark's in between. */
async function helmTemplate(archive: string, flags: string[]): Promise<Record<string, any>[]> {
    const helm = await locateHelm();
    const { stdout } = await run(helm.path, ["template", "t", path.join(CHARTS, archive), "--namespace", "monitoring", ...flags], { maxBuffer: 1 << 28 });
    return (yaml.loadAll(stdout) as any[]).filter((d) => d && typeof d === "object");
}

const key = (o: Record<string, any>): string => `${o.kind}/${o.metadata.name}`;

async function v4(name: string, inputs: Record<string, unknown>, context = ctx): Promise<ExpandedChild[]> {
    const out = await expandComponent("kubernetes:helm.sh/v4:Chart", name, inputs, context);
    if (!out.expanded) assert.fail(out.reason);
    return [...out.children];
}

async function v3(opts: Record<string, unknown>, context = ctx): Promise<Record<string, any>[]> {
    const out = await handleInvoke("kubernetes:helm:template", { jsonOpts: JSON.stringify(opts) }, context);
    assert.ok(out.handled);
    return out.result.result as Record<string, any>[];
}

const isHook = (o: Record<string, any>) => typeof o.metadata?.annotations?.["helm.sh/hook"] === "string";

describe("preview engine: Helm charts rendered offline", function () {
    this.timeout(120_000);

    const charts = [
        { chart: "kube-prometheus-stack", version: "72.9.1", repo: "https://prometheus-community.github.io/helm-charts", all: 136, crds: 10 },
        { chart: "kube-prometheus-stack", version: "88.5.3", repo: "https://prometheus-community.github.io/helm-charts", all: 132, crds: 10 },
        { chart: "falco", version: "4.6.0", repo: "https://falcosecurity.github.io/charts" },
        { chart: "falco", version: "9.1.0", repo: "https://falcosecurity.github.io/charts" },
        { chart: "fluent-bit", version: "0.46.11", repo: "https://fluent.github.io/helm-charts" },
        { chart: "fluent-bit", version: "0.58.1", repo: "https://fluent.github.io/helm-charts" },
    ];

    for (const c of charts) {
        const archive = `${c.chart}-${c.version}.tgz`;

        it(`helm.v4.Chart ${c.chart} ${c.version}: helm template's objects without hooks, named and typed as the provider registers them`, async () => {
            const children = await v4("t", { chart: c.chart, version: c.version, namespace: "monitoring", repositoryOpts: { repo: c.repo } });
            const raw = await helmTemplate(archive, ["--include-crds"]);
            if (c.all) assert.strictEqual(raw.length, c.all, "the chart cache's own figure (SOURCE.txt)");
            const expected = raw.filter((o) => !isHook(o));
            assert.strictEqual(children.length, expected.length);
            assert.deepStrictEqual(children.map((ch) => key(ch.inputs as any)).sort(), expected.map(key).sort());
            assert.ok(children.every((ch) => !isHook(ch.inputs)), "the v4 Chart drops every hook");
            for (const ch of children) {
                const o = ch.inputs as any;
                const [group, version] = o.apiVersion.includes("/") ? o.apiVersion.split("/") : ["core", o.apiVersion];
                assert.strictEqual(ch.type, `kubernetes:${group}/${version}:${o.kind}`);
                const clusterScoped = ["ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "Namespace", "PriorityClass"].includes(o.kind);
                if (clusterScoped) {
                    assert.strictEqual(o.metadata.namespace, undefined, `${ch.name} is cluster-scoped`);
                    assert.strictEqual(ch.name, `t:${o.metadata.name}`);
                } else {
                    assert.ok(o.metadata.namespace, `${ch.type} ${o.metadata.name} has a namespace`);
                    assert.strictEqual(ch.name, `t:${o.metadata.namespace}/${o.metadata.name}`);
                }
            }
            if (c.crds) {
                assert.strictEqual(children.filter((ch) => ch.type === "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition").length, c.crds);
                const skipped = await v4("t", { chart: c.chart, version: c.version, namespace: "monitoring", skipCrds: true });
                assert.strictEqual(skipped.length, children.length - c.crds, "skipCrds leaves out the crds/ folders");
            }
        });

        it(`helm.v3.Chart ${c.chart} ${c.version}: the template invoke keeps hooks but test hooks, as the provider answers it`, async () => {
            const opts = { chart: c.chart, version: c.version, fetch_opts: { repo: c.repo }, namespace: "monitoring", release_name: "t" };
            const objs = await v3(opts);
            const skipTests = await helmTemplate(archive, ["--include-crds", "--skip-tests"]);
            assert.deepStrictEqual(objs.map(key).sort(), skipTests.map(key).sort());
            const withTests = await v3({ ...opts, include_test_hook_resources: true });
            assert.deepStrictEqual(withTests.map(key).sort(), (await helmTemplate(archive, ["--include-crds"])).map(key).sort());
            const noCrds = await v3({ ...opts, skip_crd_rendering: true });
            assert.ok(noCrds.every((o) => o.kind !== "CustomResourceDefinition"));
        });
    }

    it("kube-prometheus-stack: the admission webhook's hook Jobs exist for the v3 Chart and not for the v4 Chart; custom resources are namespaced", async () => {
        const objs = await v3({ chart: "kube-prometheus-stack", version: "72.9.1", namespace: "monitoring", release_name: "t" });
        const hooks = objs.filter(isHook);
        assert.ok(hooks.some((o) => o.kind === "Job" && /admission-create/.test(o.metadata.name)), "the pre-install patch Job is rendered");
        assert.ok(hooks.every((o) => !/test/.test(o.metadata.annotations["helm.sh/hook"])));
        const children = await v4("kps", { chart: "kube-prometheus-stack", version: "72.9.1", namespace: "monitoring" });
        assert.ok(!children.some((ch) => /admission-create/.test(ch.inputs.metadata?.name ?? "")));
        const withHooks = { chart: "kube-prometheus-stack", version: "72.9.1", namespace: "monitoring", includeHooks: true };
        assert.strictEqual((await v4("kps", withHooks)).length, children.length, "includeHooks has no effect outside render mode");
        const rendered = await v4("t", withHooks, { ...ctx, renderYamlToDirectory: true });
        assert.deepStrictEqual(rendered.filter((ch) => isHook(ch.inputs)).map((ch) => ch.inputs.metadata?.name).sort(), hooks.map((o) => o.metadata.name).sort(),
            "in render mode the hooks but tests are kept");
        const monitor = children.find((ch) => ch.type === "kubernetes:monitoring.coreos.com/v1:ServiceMonitor");
        assert.ok(monitor, "custom resources keep their own group in the type token");
        assert.strictEqual(monitor.inputs.metadata?.namespace, "monitoring");
    });

    it("values: files first, then the program's values on top; assets become their text", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-values-"));
        fs.writeFileSync(path.join(dir, "values.yaml"), "image:\n  tag: from-file\n  repository: example.com/fluent-bit\n");
        const children = await v4("fb", {
            chart: "fluent-bit", version: "0.46.11", namespace: "logging",
            valueYamlFiles: [{ "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17", path: path.join(dir, "values.yaml") }],
            values: { image: { tag: "from-values" }, podAnnotations: { note: { "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17", text: "from-an-asset" } } },
        });
        const ds = children.find((ch) => ch.inputs.kind === "DaemonSet")!.inputs as any;
        assert.strictEqual(ds.spec.template.spec.containers[0].image, "example.com/fluent-bit:from-values");
        assert.strictEqual(ds.spec.template.metadata.annotations.note, "from-an-asset");
        assert.strictEqual(ds.metadata.namespace, "logging");
    });

    it("a local chart archive, relative to the project folder; an explicit empty resourcePrefix; the release name", async () => {
        const children = await v4("fb", { chart: "../shared/charts/fluent-bit-0.46.11.tgz", name: "logs", resourcePrefix: "" });
        const ds = children.find((ch) => ch.inputs.kind === "DaemonSet")!;
        assert.strictEqual(ds.name, "default/logs-fluent-bit", "no prefix, the default namespace, the release name in the chart's names");
        const elsewhere = await v4("fb", { chart: "../shared/charts/fluent-bit-0.46.11.tgz" }, { ...ctx, defaultNamespace: "team-a" });
        assert.strictEqual(elsewhere.find((ch) => ch.inputs.kind === "DaemonSet")!.name, "fb:team-a/fb-fluent-bit", "the provider's namespace is the default");
    });

    it("a chart whose values are unknown at preview is reported, not expanded", async () => {
        const out = await expandComponent("kubernetes:helm.sh/v4:Chart", "fb", { chart: "fluent-bit", version: "0.46.11", values: { image: { tag: UNKNOWN } } }, ctx);
        assert.strictEqual(out.expanded, false);
        assert.match(!out.expanded ? out.reason : "", /values\.image\.tag is unknown at preview/);
        await assert.rejects(v3({ chart: "fluent-bit", version: "0.46.11", values: { x: UNKNOWN } }), (e: Error) => e instanceof NotExpandableError && /values\.x/.test(e.message));
    });

    it("a chart neither the cache nor the network has gives the cache hint", async () => {
        const out = await expandComponent("kubernetes:helm.sh/v4:Chart", "x",
            { chart: "no-such-chart", version: "1.0.0", repositoryOpts: { repo: "https://charts.invalid/repo" } }, ctx);
        assert.strictEqual(out.expanded, false);
        const reason = !out.expanded ? out.reason : "";
        assert.match(reason, /^chart no-such-chart 1\.0\.0 from https:\/\/charts\.invalid\/repo could not be fetched: /);
        assert.match(reason, /pass --chart-cache <dir> with the packaged chart/);
        // A version the cache lacks is fetched from the repository, and fails the same way offline.
        const missing = await expandComponent("kubernetes:helm.sh/v4:Chart", "x", { chart: "falco", version: "0.0.1", repositoryOpts: { repo: "https://charts.invalid/repo" } }, ctx);
        assert.match(!missing.expanded ? missing.reason : "", /chart falco 0\.0\.1 .* could not be fetched/);
        const local = await expandComponent("kubernetes:helm.sh/v4:Chart", "x", { chart: "./charts/missing" }, ctx);
        assert.match(!local.expanded ? local.reason : "", /no chart folder or archive at .*charts\/missing \(paths are relative to the project folder/);
    });

    it("finds a chart in the cache by name and version from every form a program names it in", () => {
        const cached = (chart: string, version?: string, repo?: string) => {
            const source = resolveChart({ chart, version, repo }, ROOT, CHARTS);
            return source.kind === "local" ? path.relative(CHARTS, source.path) : source.args.join(" ");
        };
        assert.strictEqual(cached("falco", "4.6.0", "https://falcosecurity.github.io/charts"), "falco-4.6.0.tgz");
        assert.strictEqual(cached("oci://ghcr.io/falcosecurity/charts/falco", "9.1.0"), "falco-9.1.0.tgz");
        assert.strictEqual(cached("falcosecurity/falco", "9.1.0"), "falco-9.1.0.tgz", "a repository alias prefix");
        assert.strictEqual(cached("https://example.com/charts/fluent-bit-0.46.11.tgz"), "fluent-bit-0.46.11.tgz", "a chart URL names its version");
        assert.strictEqual(cached("fluent-bit", "0.58.*"), "fluent-bit-0.58.1.tgz", "a wildcard takes the newest match");
        assert.strictEqual(cached("kube-prometheus-stack"), "kube-prometheus-stack-88.5.3.tgz", "no version: the newest");
        assert.strictEqual(cached("falco", "9.9.9", "https://falcosecurity.github.io/charts"), "falco --repo https://falcosecurity.github.io/charts --version 9.9.9");
        // Helm 4 cannot read file:// repositories: such a repository is read like the cache.
        const fileRepo = resolveChart({ chart: "falco", version: "4.6.0", repo: `file://${CHARTS}` }, ROOT);
        assert.strictEqual(fileRepo.kind === "local" && path.basename(fileRepo.path), "falco-4.6.0.tgz");
        assert.throws(() => resolveChart({ chart: "falco", repo: "https://x" }, ROOT, path.join(ROOT, "test")), /has no index\.yaml; make it a Helm repository folder/);
    });

    it("a postRenderer rewrites the rendered objects, run in the project folder", async () => {
        const children = await v4("pr", {
            chart: "fluent-bit", version: "0.46.11", namespace: "logging",
            postRenderer: { command: "sed", args: ["s/image: \"cr.fluentbit.io/image: \"registry.example.com/"] },
        });
        const ds = children.find((ch) => ch.inputs.kind === "DaemonSet")!.inputs as any;
        assert.match(ds.spec.template.spec.containers[0].image, /^registry\.example\.com\/fluent\/fluent-bit:/);
    });

    it("helm.v3.Release: what the install creates, hooks included but tests, named after the release", async () => {
        const out = await expandComponent("kubernetes:helm.sh/v3:Release", "kps", {
            chart: "kube-prometheus-stack", version: "72.9.1", namespace: "monitoring", repositoryOpts: { repo: "https://prometheus-community.github.io/helm-charts" },
        }, ctx);
        if (!out.expanded) assert.fail(out.reason);
        const skipTests = await helmTemplate("kube-prometheus-stack-72.9.1.tgz", ["--include-crds", "--skip-tests"]);
        assert.strictEqual(out.children.length, skipTests.length);
        assert.ok(out.children.some((ch) => isHook(ch.inputs) && ch.inputs.kind === "Job"));
        assert.ok(out.children.every((ch) => ch.name.startsWith("kps:")));
        const secret = out.children.find((ch) => ch.type === "kubernetes:core/v1:Secret" && ch.inputs.data);
        assert.ok(secret?.secretKeys?.includes("data"), "a Secret's payload is marked secret, as the provider marks it");
    });

    it("passes Helm the chart reference, namespace, CRD choice, values in order and repository credentials", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-fake-helm-"));
        const log = path.join(dir, "args");
        const fake = path.join(dir, "helm");
        // Answers the version check, records every other command line and renders one ConfigMap.
        fs.writeFileSync(fake, [
            "#!/bin/sh",
            "if [ \"$1\" = version ]; then echo v3.99.0; exit 0; fi",
            `for a in "$@"; do echo "$a" >> ${log}; case "$a" in *.yaml|*.json) echo "== $(cat "$a")" >> ${log};; esac; done`,
            "printf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: only\\n'",
        ].join("\n"), { mode: 0o755 });
        const children = await v4("auth", {
            chart: "private-chart", version: "1.2.3", namespace: "apps", skipCrds: true,
            repositoryOpts: { repo: "https://charts.example.com", username: "ci", password: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s3cret" },
                caFile: { "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17", text: "CA PEM" } },
            valueYamlFiles: [{ "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17", text: "a: 1\n" }],
            values: { a: 2 },
        }, { ...ctx, helm: fake });
        assert.deepStrictEqual(children.map((c) => c.name), ["auth:apps/only"]);
        const args = fs.readFileSync(log, "utf8").split("\n");
        const after = (flag: string) => args[args.indexOf(flag) + 1];
        assert.deepStrictEqual(args.slice(0, 3), ["template", "auth", "private-chart"]);
        assert.strictEqual(after("--repo"), "https://charts.example.com");
        assert.strictEqual(after("--version"), "1.2.3");
        assert.strictEqual(after("--namespace"), "apps");
        assert.ok(!args.includes("--include-crds"), "skipCrds leaves CRDs out");
        assert.strictEqual(after("--username"), "ci");
        assert.strictEqual(after("--password"), "s3cret");
        assert.ok(args[args.indexOf("--ca-file") + 1].endsWith(".pem"));
        const values = args.filter((a) => a.startsWith("== "));
        assert.deepStrictEqual(values, ["== a: 1", "== {\"a\":2}"], "values files first, the program's values last");
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("renders each chart once per process for the same chart, values and options", async () => {
        const source = { kind: "local" as const, path: path.join(CHARTS, "falco-4.6.0.tgz"), label: "falco" };
        const req = { source, releaseName: "f", namespace: "falco", valueFiles: [], values: {}, includeCrds: true };
        const first = render(req);
        assert.strictEqual(render({ ...req, values: {} }), first);
        assert.notStrictEqual(render({ ...req, namespace: "other" }), first);
        await first;
    });
});
