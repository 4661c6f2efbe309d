/**
 * Offline expansion of what a real preview expands on the provider's side: YAML manifests and Helm
 * charts become the Kubernetes objects the provider would create, so the policy packs judge every
 * one of them. The program host calls `handleInvoke` for the invokes the SDK's own JS components make
 * (`yaml.ConfigFile`/`ConfigGroup` decode, `helm.v3.Chart` template) and `expandComponent` for the
 * components a provider constructs (`remote: true`: `helm.v4.Chart`, `yaml.v2.*`), and for
 * `helm.v3.Release`, whose rendered manifest is analyzed as its children.
 */

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
}

export type InvokeOutcome = { readonly handled: true; readonly result: Record<string, unknown> } | { readonly handled: false };

export type ExpandOutcome =
    | { readonly expanded: true; readonly children: readonly ExpandedChild[] }
    /** Cannot be expanded offline; `reason` says why and what would fix it (a chart cache, say). */
    | { readonly expanded: false; readonly reason: string };

/** Answers an invoke the SDK's JS-side components make, as the provider would; `handled: false` for any other. */
export async function handleInvoke(_token: string, _args: Record<string, unknown>, _ctx: ExpandContext): Promise<InvokeOutcome> {
    return { handled: false };
}

/**
 * The children of a component a provider constructs (`remote: true`), or of a `helm.v3.Release`.
 * `inputs` are the component's inputs as registered (unknowns are the engine's UNKNOWN marker).
 */
export async function expandComponent(type: string, _name: string, _inputs: Record<string, unknown>, _ctx: ExpandContext): Promise<ExpandOutcome> {
    return { expanded: false, reason: `${type} is built by its provider, and its children cannot be expanded offline` };
}
