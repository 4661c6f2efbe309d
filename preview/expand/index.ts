/**
 * Offline expansion of what a real preview expands on the provider's side: YAML manifests and Helm
 * charts become the Kubernetes objects the provider would create, so the policy packs judge every
 * one of them. The program host calls `handleInvoke` for the invokes the SDK's own JS components make
 * (`yaml.ConfigFile`/`ConfigGroup` decode, `helm.v3.Chart` template) and `expandComponent` for the
 * components a provider constructs (`remote: true`: `helm.v4.Chart`, `yaml.v2.*`), and for
 * `helm.v3.Release`, whose rendered manifest is analyzed as its children.
 */
import * as fs from "node:fs";
import { expandChartV4, expandRelease } from "./chart-v4";
import { readIndex } from "./charts";
import { helmVersion } from "./helm-binary";
import { helmTemplate } from "./helm-v3";
import { decodeForInvoke } from "./manifest";
import { expandConfigFile, expandConfigGroup } from "./yaml-v2";
import type { RenderStats } from "./render";

/** Where expansion runs: the project, and where charts and the Helm binary come from. */
export interface ExpandContext {
    /** The project folder: relative files, globs and chart paths resolve against it, as the provider's do. */
    readonly projectDir: string;
    /** A folder of packaged charts with an `index.yaml` (a Helm repository on disk), tried before any network. */
    readonly chartCache?: string;
    /** A Helm binary to use; otherwise `helm` on PATH, else the one Bulwark extracts into its cache. */
    readonly helm?: string;
    readonly project: string;
    readonly stack: string;
    /**
     * The Kubernetes provider's default namespace (its `namespace` input) for charts and manifests that
     * name none; `default` when absent, as for a kubeconfig context without a namespace.
     */
    readonly defaultNamespace?: string;
    /** The Kubernetes provider writes YAML (`renderYamlToDirectory`) instead of applying: a v4 Chart's `includeHooks` then applies. */
    readonly renderYamlToDirectory?: boolean;
    /** Where the preview counts its chart renders and their time. */
    readonly renderStats?: RenderStats;
}

/** A Kubernetes object as a manifest states it. */
export interface KubeObject {
    readonly apiVersion: string;
    readonly kind: string;
    readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly [key: string]: unknown };
    readonly [key: string]: unknown;
}

/** One resource the provider would register under a constructed component, as the provider names it. */
export interface ExpandedChild {
    /** The Pulumi type token, e.g. `kubernetes:apps/v1:Deployment`. */
    readonly type: string;
    /** The resource name the provider gives the child (its URN's last part). */
    readonly name: string;
    /** The object as the provider would send it as inputs. */
    readonly inputs: KubeObject;
    /** Top-level input keys the provider marks secret (`data` and `stringData` of a v1 Secret), if any. */
    readonly secretKeys?: readonly string[];
}

export type InvokeOutcome = { readonly handled: true; readonly result: Record<string, unknown> } | { readonly handled: false };

export type ExpandOutcome =
    | { readonly expanded: true; readonly children: readonly ExpandedChild[] }
    /** Cannot be expanded offline; `reason` says why and what would fix it (a chart cache, say). */
    | { readonly expanded: false; readonly reason: string };

/**
 * Checks what a user passed before anything runs (`--chart-cache`, `--helm`), so a typo is a usage error
 * naming the flag rather than every chart reported as not expanded.
 */
export async function checkExpandContext(ctx: ExpandContext): Promise<void> {
    if (ctx.chartCache !== undefined) {
        if (!fs.existsSync(ctx.chartCache) || !fs.statSync(ctx.chartCache).isDirectory()) {
            throw new Error(`--chart-cache ${ctx.chartCache}: no such folder (give a folder with index.yaml and packaged charts)`);
        }
        try {
            readIndex(ctx.chartCache);
        } catch (e) {
            throw new Error(`--chart-cache ${ctx.chartCache}: ${(e as Error).message}`);
        }
    }
    if (ctx.helm !== undefined) {
        try {
            await helmVersion(ctx.helm);
        } catch (e) {
            throw new Error(`--helm: ${(e as Error).message}`);
        }
    }
}

/**
 * Thrown when what a program asked for cannot be expanded offline (a chart no cache or network has,
 * values unknown at preview): the host lists the component as incomplete rather than failing the program.
 */
export class NotExpandableError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "NotExpandableError";
    }
}

/**
 * Answers an invoke the SDK's JS-side components make, as the provider would; `handled: false` for any
 * other. A chart that cannot be rendered offline throws `NotExpandableError`; bad input throws `Error`.
 */
export async function handleInvoke(token: string, args: Record<string, unknown>, ctx: ExpandContext): Promise<InvokeOutcome> {
    switch (token) {
        case "kubernetes:yaml:decode": {
            if (typeof args.text !== "string") throw new Error("kubernetes:yaml:decode: text must be a string of YAML");
            const ns = typeof args.defaultNamespace === "string" && args.defaultNamespace ? args.defaultNamespace : undefined;
            return { handled: true, result: { result: decodeForInvoke(args.text, ns, "yaml.ConfigFile/ConfigGroup YAML") } };
        }
        case "kubernetes:helm:template":
            try {
                return { handled: true, result: { result: await helmTemplate(args, ctx) } };
            } catch (e) {
                throw offline(e);
            }
        default:
            return { handled: false };
    }
}

/** Failures only a network, a cache or a known value would cure become `NotExpandableError`. */
function offline(e: unknown): Error {
    const err = e instanceof Error ? e : new Error(String(e));
    return /could not be fetched|unknown at preview/.test(err.message) ? new NotExpandableError(err.message) : err;
}

const COMPONENTS: Record<string, (name: string, inputs: Record<string, unknown>, ctx: ExpandContext) => Promise<ExpandOutcome>> = {
    "kubernetes:helm.sh/v4:Chart": expandChartV4,
    "kubernetes:helm.sh/v3:Release": expandRelease,
    "kubernetes:yaml/v2:ConfigFile": expandConfigFile,
    "kubernetes:yaml/v2:ConfigGroup": expandConfigGroup,
};

/**
 * The children of a component a provider constructs (`remote: true`), or of a `helm.v3.Release`.
 * `inputs` are the component's inputs as registered (unknowns are the engine's UNKNOWN marker).
 * Anything that stops the expansion (unknown values, a chart that cannot be fetched or rendered, a
 * missing file) is returned as `expanded: false` with the reason, so the component is never silently empty.
 */
export async function expandComponent(type: string, name: string, inputs: Record<string, unknown>, ctx: ExpandContext): Promise<ExpandOutcome> {
    const expand = COMPONENTS[type];
    if (!expand) return { expanded: false, reason: `${type} is built by its provider, and its children cannot be expanded offline` };
    try {
        return await expand(name, inputs, ctx);
    } catch (e) {
        return { expanded: false, reason: (e as Error).message };
    }
}
