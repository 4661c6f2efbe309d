/**
 * `kubernetes:helm:template`, the invoke `helm.v3.Chart` makes: the chart rendered as the provider's
 * helmTemplate does (namespace `default` unless given, CRDs unless `skipCRDRendering`, every hook but
 * test hooks unless `includeTestHookResources`), then decoded as `kubernetes:yaml:decode` decodes it.
 * The SDK's own JS code then registers the objects, with the program's transformations.
 */
import * as path from "node:path";
import { resolveChart } from "./charts";
import type { ExpandContext } from "./index";
import { asInvokeResult } from "./manifest";
import { render } from "./render";
import { plainValues, str, unknownPaths } from "./values";

/** The chart options `helm.v3.Chart` serializes (snake_case, as its `toJSON` writes them). */
interface HelmChartOpts {
    readonly chart?: string;
    readonly path?: string;
    readonly version?: string;
    readonly repo?: string;
    readonly namespace?: string;
    readonly values?: Record<string, unknown>;
    readonly release_name?: string;
    readonly api_versions?: string[];
    readonly kube_version?: string;
    readonly include_test_hook_resources?: boolean;
    readonly skip_crd_rendering?: boolean;
    readonly fetch_opts?: { readonly repo?: string; readonly version?: string; readonly devel?: boolean };
}

function parseOpts(args: Record<string, unknown>): HelmChartOpts {
    const json = args.jsonOpts;
    if (typeof json !== "string") throw new Error("kubernetes:helm:template: jsonOpts is missing (expected the chart options as JSON)");
    try {
        return JSON.parse(json) as HelmChartOpts;
    } catch (e) {
        throw new Error(`kubernetes:helm:template: jsonOpts is not JSON: ${(e as Error).message}`);
    }
}

/** The objects the provider returns for a `helm.v3.Chart`; throws (as the invoke fails) when it cannot render. */
export async function helmTemplate(args: Record<string, unknown>, ctx: ExpandContext): Promise<Record<string, unknown>[]> {
    const opts = parseOpts(args);
    const unknown = unknownPaths(opts);
    if (unknown.length) {
        throw new Error(`helm.v3.Chart ${opts.release_name ?? ""}: ${unknown.join(", ")} unknown at preview, so the chart cannot be rendered faithfully`);
    }
    const where = `helm.v3.Chart ${opts.release_name ?? opts.chart ?? opts.path}`;
    if (opts.repo?.startsWith("http")) {
        throw new Error(`${where}: 'repo' option specifies the name of the Helm Chart repo, not the URL. Use 'fetchOpts.repo' to specify a URL for a remote Chart`);
    }
    const version = str(opts.version) ?? str(opts.fetch_opts?.version);
    const repoUrl = str(opts.fetch_opts?.repo);
    let source;
    if (str(opts.path)) {
        source = resolveChart({ chart: path.resolve(ctx.projectDir, opts.path as string) }, ctx.projectDir);
    } else {
        const chart = str(opts.chart);
        if (!chart) throw new Error(`${where}: neither chart nor path is set`);
        // A repository name (not URL) prefixes the chart, as Helm's local repository configuration names it.
        const ref = !repoUrl && !chart.startsWith("oci://") && str(opts.repo) && !chart.startsWith(`${opts.repo}/`) ? `${opts.repo}/${chart}` : chart;
        source = resolveChart({ chart: ref, version, repo: repoUrl, devel: opts.fetch_opts?.devel }, ctx.projectDir, ctx.chartCache);
    }
    const values = (await plainValues(opts.values ?? {}, ctx.projectDir, `${where}: values`)) as Record<string, unknown>;
    const rendered = await render({
        source,
        releaseName: str(opts.release_name) ?? "release-name",
        namespace: str(opts.namespace) ?? "default",
        valueFiles: [],
        values,
        includeCrds: !opts.skip_crd_rendering,
        kubeVersion: str(opts.kube_version),
        apiVersions: opts.api_versions,
    }, ctx.helm, ctx.renderStats);
    const kept = rendered.docs.filter((d) => !d.testHook || opts.include_test_hook_resources);
    // Decoded as the provider decodes the text it rendered: with the chart's namespace as the default.
    return asInvokeResult(kept.map((d) => d.object), str(opts.namespace));
}
