/**
 * `kubernetes:helm.sh/v4:Chart` and `kubernetes:helm.sh/v3:Release`, expanded as their provider renders
 * them. The v4 Chart is `helm template` with hooks left out entirely (its provider parses only the
 * release manifest) and registers every object as `<resourcePrefix>:<namespace>/<name>`; a Release is
 * a Helm install, which creates the manifest and runs every hook but the tests.
 */
import type { ExpandContext, ExpandOutcome } from "./index";
import { resolveChart, type ChartRequest } from "./charts";
import { childrenOf } from "./manifest";
import * as path from "node:path";
import { postRender, render, type RenderedDoc, type RepositoryAuth } from "./render";
import { asAsset, plainValues, readAsset, str, unknownPaths } from "./values";

type Inputs = Record<string, unknown>;

function notExpanded(reason: string): ExpandOutcome {
    return { expanded: false, reason };
}

function unknownReason(what: string, inputs: Inputs): string | undefined {
    const unknown = unknownPaths(inputs);
    return unknown.length
        ? `${what}: ${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} unknown at preview, so the provider renders it only at \`pulumi up\`; ` +
          "make the values known (config or constants) to analyze its objects offline"
        : undefined;
}

async function valueFiles(files: unknown, ctx: ExpandContext, where: string): Promise<string[]> {
    if (files === undefined || files === null) return [];
    if (!Array.isArray(files)) throw new Error(`${where}: valueYamlFiles must be a list of assets`);
    const out: string[] = [];
    for (const [i, f] of files.entries()) {
        const asset = await asAsset(f);
        if (!asset) throw new Error(`${where}: valueYamlFiles[${i}] is not an asset (use new pulumi.asset.FileAsset(path) or StringAsset)`);
        out.push(await readAsset(asset, ctx.projectDir, `${where}: valueYamlFiles[${i}]`));
    }
    return out;
}

function chartRequest(inputs: Inputs, where: string): ChartRequest {
    const chart = str(inputs.chart);
    if (!chart) throw new Error(`${where}: chart is required (a chart name with repositoryOpts.repo, a local path, or an oci:// reference)`);
    const repoOpts = (inputs.repositoryOpts ?? {}) as Record<string, unknown>;
    return { chart, version: str(inputs.version), repo: str(repoOpts.repo), devel: inputs.devel === true };
}

/** `repositoryOpts` credentials: TLS files are assets in the v4 Chart and paths in a Release. */
async function repositoryAuth(inputs: Inputs, ctx: ExpandContext, where: string): Promise<RepositoryAuth | undefined> {
    const opts = (inputs.repositoryOpts ?? {}) as Record<string, unknown>;
    const files: { flag: "--ca-file" | "--cert-file" | "--key-file"; path?: string; text?: string }[] = [];
    for (const [key, flag] of [["caFile", "--ca-file"], ["certFile", "--cert-file"], ["keyFile", "--key-file"]] as const) {
        const v = opts[key];
        if (v === undefined || v === null) continue;
        if (typeof v === "string") { files.push({ flag, path: path.resolve(ctx.projectDir, v) }); continue; }
        const asset = await asAsset(v);
        if (!asset) throw new Error(`${where}: repositoryOpts.${key} must be a file asset or a path`);
        if (asset.path !== undefined) files.push({ flag, path: path.resolve(ctx.projectDir, asset.path) });
        else files.push({ flag, text: await readAsset(asset, ctx.projectDir, `${where}: repositoryOpts.${key}`) });
    }
    const username = str(await plainValues(opts.username, ctx.projectDir, where));
    const password = str(await plainValues(opts.password, ctx.projectDir, where));
    return username || password || files.length ? { username, password, files } : undefined;
}

/** The children of a `helm.v4.Chart`. */
export async function expandChartV4(name: string, inputs: Inputs, ctx: ExpandContext): Promise<ExpandOutcome> {
    const where = `helm.v4.Chart ${name}`;
    const unknown = unknownReason(where, inputs);
    if (unknown) return notExpanded(unknown);
    const namespace = str(inputs.namespace) ?? ctx.defaultNamespace ?? "default";
    const rendered = await renderInputs(name, inputs, ctx, where, namespace, { plainHttp: inputs.plainHttp === true });
    // Hooks are left out, except that a provider rendering YAML for another tool keeps them when asked (never tests).
    const keepHooks = inputs.includeHooks === true && ctx.renderYamlToDirectory === true;
    let docs: readonly RenderedDoc[] = rendered.docs.filter((d) => !d.hook || (keepHooks && !d.testHook));
    const post = inputs.postRenderer as { command?: unknown; args?: unknown } | undefined;
    if (post && str(post.command)) {
        docs = await postRender(docs, post.command as string, Array.isArray(post.args) ? post.args.map(String) : [], ctx.projectDir);
    }
    // An explicit empty prefix means none; an absent one is the component's name, as the provider defaults it.
    const resourcePrefix = typeof inputs.resourcePrefix === "string" ? inputs.resourcePrefix : name;
    return {
        expanded: true,
        children: childrenOf(docs.map((d) => d.object), { defaultNamespace: namespace, resourcePrefix, skipAwait: inputs.skipAwait === true, where }),
    };
}

/**
 * Renders the chart a `helm.v4.Chart` or `helm.v3.Release` names, with the values and options its
 * inputs give, as the provider renders it. The provider names an unnamed release after the resource
 * (a Release adds a random suffix, which cannot matter to policies).
 */
async function renderInputs(name: string, inputs: Inputs, ctx: ExpandContext, where: string, namespace: string, extra: { readonly plainHttp?: boolean } = {}) {
    return render(
        {
            source: resolveChart(chartRequest(inputs, where), ctx.projectDir, ctx.chartCache),
            releaseName: str(inputs.name) ?? name,
            namespace,
            valueFiles: await valueFiles(inputs.valueYamlFiles, ctx, where),
            values: (await plainValues(inputs.values ?? {}, ctx.projectDir, `${where}: values`)) as Record<string, unknown>,
            includeCrds: inputs.skipCrds !== true,
            dependencyUpdate: inputs.dependencyUpdate === true,
            ...extra,
            auth: await repositoryAuth(inputs, ctx, where),
        },
        ctx.helm,
        ctx.renderStats,
    );
}

/** The objects a `helm.v3.Release` installs, as children named like a v4 Chart's. */
export async function expandRelease(name: string, inputs: Inputs, ctx: ExpandContext): Promise<ExpandOutcome> {
    const where = `helm.v3.Release ${name}`;
    const unknown = unknownReason(where, inputs);
    if (unknown) return notExpanded(unknown);
    const namespace = str(inputs.namespace) ?? ctx.defaultNamespace ?? "default";
    const rendered = await renderInputs(name, inputs, ctx, where, namespace);
    let docs: readonly RenderedDoc[] = rendered.docs.filter((d) => !d.testHook);
    if (str(inputs.postrender)) docs = await postRender(docs, inputs.postrender as string, [], ctx.projectDir);
    return {
        expanded: true,
        children: childrenOf(docs.map((d) => d.object), { defaultNamespace: namespace, resourcePrefix: name, where }),
    };
}
