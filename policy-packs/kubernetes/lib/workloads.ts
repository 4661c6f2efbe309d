/**
 * Where each pod-bearing kind keeps its pod template, for every API version the Kubernetes provider
 * ships. Policies read type tokens as strings so that the pack never loads @pulumi/kubernetes.
 */
import { memoOf } from "../../common/unknown-proxy";

/** Path from a resource's props to its PodSpec, and to the metadata that carries pod annotations. */
export interface PodSpecLocation {
    readonly spec: readonly string[];
    readonly metadata: readonly string[];
}

const POD: PodSpecLocation = { spec: ["spec"], metadata: ["metadata"] };
const TEMPLATE: PodSpecLocation = { spec: ["spec", "template", "spec"], metadata: ["spec", "template", "metadata"] };
const POD_TEMPLATE: PodSpecLocation = { spec: ["template", "spec"], metadata: ["template", "metadata"] };
const CRON: PodSpecLocation = {
    spec: ["spec", "jobTemplate", "spec", "template", "spec"],
    metadata: ["spec", "jobTemplate", "spec", "template", "metadata"],
};

const KINDS: Record<string, PodSpecLocation> = {};
function add(group: string, versions: string[], kind: string, loc: PodSpecLocation) {
    for (const v of versions) KINDS[`kubernetes:${group}/${v}:${kind}`] = loc;
}
add("core", ["v1"], "Pod", POD);
add("core", ["v1"], "PodTemplate", POD_TEMPLATE);
add("core", ["v1"], "ReplicationController", TEMPLATE);
add("apps", ["v1", "v1beta1", "v1beta2"], "Deployment", TEMPLATE);
add("apps", ["v1", "v1beta1", "v1beta2"], "StatefulSet", TEMPLATE);
add("apps", ["v1", "v1beta2"], "DaemonSet", TEMPLATE);
add("apps", ["v1", "v1beta2"], "ReplicaSet", TEMPLATE);
add("extensions", ["v1beta1"], "Deployment", TEMPLATE);
add("extensions", ["v1beta1"], "DaemonSet", TEMPLATE);
add("extensions", ["v1beta1"], "ReplicaSet", TEMPLATE);
add("batch", ["v1"], "Job", TEMPLATE);
add("batch", ["v1", "v1beta1", "v2alpha1"], "CronJob", CRON);

/** Every pod-bearing type token. */
export const POD_BEARING_TYPES: readonly string[] = Object.keys(KINDS);

export function podSpecLocation(type: string): PodSpecLocation | undefined {
    return KINDS[type];
}

function at(root: any, path: readonly string[]): any {
    let v = root;
    for (const key of path) {
        if (v === undefined || v === null) return undefined;
        v = v[key];
    }
    return v;
}

/** The pod template of a pod-bearing resource, with the prop path that leads to its spec. */
export interface PodTemplate {
    readonly spec: any;
    readonly metadata: any;
    /** "spec.template.spec" and the like, for messages. */
    readonly specPath: string;
    readonly metadataPath: string;
}

const paths = new Map<PodSpecLocation, { readonly specPath: string; readonly metadataPath: string }>();

function templateAt(loc: PodSpecLocation, props: Record<string, any>): PodTemplate | undefined {
    const spec = at(props, loc.spec);
    if (spec === undefined || spec === null) return undefined;
    let p = paths.get(loc);
    if (!p) paths.set(loc, (p = { specPath: loc.spec.join("."), metadataPath: loc.metadata.join(".") }));
    return { spec, metadata: at(props, loc.metadata) ?? {}, specPath: p.specPath, metadataPath: p.metadataPath };
}

/**
 * Pod templates already read from a read-only view (which every policy of a resource shares), kept
 * beside the view by type: every policy of a pod-bearing resource asks for the same one. A read that
 * meets an unknown value throws and is not kept, so it throws again for the next policy as it would.
 */
const TEMPLATES = Symbol("pod templates by type");

function remembered(type: string, props: Record<string, any>, read: () => PodTemplate | undefined): PodTemplate | undefined {
    const memo = memoOf(props);
    if (memo === undefined) return read();
    let byType = memo.get(TEMPLATES) as Map<string, PodTemplate | undefined> | undefined;
    if (byType?.has(type)) return byType.get(type);
    const template = read();
    if (!byType) memo.set(TEMPLATES, (byType = new Map()));
    byType.set(type, template && Object.freeze(template));
    return template;
}

export function podTemplateOf(type: string, props: Record<string, any>): PodTemplate | undefined {
    const loc = KINDS[type];
    if (!loc) return undefined;
    return remembered(type, props, () => templateAt(loc, props));
}

/**
 * Server-side-apply patches of the same kinds (`kubernetes:apps/v1:DeploymentPatch`, ...) carry a
 * partial pod template that is merged into the live object: what they set can be judged, but a field
 * they leave out may still be set by another field manager.
 */
const PATCH_KINDS: Record<string, PodSpecLocation> = Object.fromEntries(Object.entries(KINDS).map(([type, loc]) => [`${type}Patch`, loc]));

/** Every patch type token of a pod-bearing kind. */
export const POD_PATCH_TYPES: readonly string[] = Object.keys(PATCH_KINDS);

/** The partial pod template of a pod-bearing patch resource; undefined for other types. */
export function podPatchTemplateOf(type: string, props: Record<string, any>): PodTemplate | undefined {
    const loc = PATCH_KINDS[type];
    if (!loc) return undefined;
    return remembered(type, props, () => templateAt(loc, props));
}

/** Every type whose pod template the pack judges: the pod-bearing kinds and their patches. */
export const POD_TYPES: readonly [string, ...string[]] = [POD_BEARING_TYPES[0], ...POD_BEARING_TYPES.slice(1), ...POD_PATCH_TYPES];
