/**
 * The shared shape of the Pod Security Standards policies: each one reads a pod template field by
 * field, the way pod-security-admission reads a PodSpec, so that one unknown value never hides a
 * violation elsewhere and is never a violation by itself.
 */
import { type BulwarkResourcePolicy, type PolicyMetadata, type Report, resourcePolicy } from "../../common/policy";
import { type ContainerRef, type PodRef, containersOf } from "./containers";
import { type Known, Preview, UNKNOWN_AT_PREVIEW, isUnknown } from "./preview";
import { POD_TYPES, podPatchTemplateOf, podTemplateOf } from "./workloads";

export { isUnknown, UNKNOWN_AT_PREVIEW };
export type { ContainerRef, Known, PodRef };

/** What a Pod Security check is handed: one pod template, and ways to read it safely. */
export interface PodSecurityCheck {
    readonly pod: PodRef;
    /**
     * The resource is a server-side-apply patch (`DeploymentPatch`...): a field it leaves out may be
     * set by another manager, so only the values it sets can be judged, never an absence.
     */
    readonly partial: boolean;
    /** Reads a dotted path ("securityContext.seccompProfile.type") under a pod spec, a container or metadata. */
    get(root: unknown, path: string): Known<unknown>;
    /** The elements of a list at a dotted path; unknown elements are left out (and remembered). */
    items(root: unknown, path: string): { readonly index: number; readonly value: any }[];
    /** Reads one key, taken whole (an annotation name has dots of its own). */
    key(root: unknown, key: string): Known<unknown>;
    /** The elements of a list at a dotted path, unknown ones kept as UNKNOWN_AT_PREVIEW; undefined when absent. */
    list(root: unknown, path: string): Known<Known<unknown>[]> | undefined;
    /** The keys of an object at a dotted path (annotations, a volume's sources). */
    keys(root: unknown, path: string): Known<string[]>;
    /** Every container of the init, regular and ephemeral lists, with its field path. */
    containers(): readonly ContainerRef[];
    /** `spec.os.name` is "windows": true, false, or unknown at preview. */
    windows(): Known<boolean>;
    /** `spec.hostUsers` is false (the pod runs in a user namespace): true, false, or unknown at preview. */
    userNamespaced(): Known<boolean>;
    readonly report: Report;
}

/** Dotted paths split once: the checks read the same few dozen paths over and over. */
const splitPaths = new Map<string, readonly string[]>();

function keysOf(path: string): readonly string[] {
    let keys = splitPaths.get(path);
    if (keys === undefined) {
        keys = path.split(".");
        // The checks' paths are few; a bound keeps a path built from a resource's values from growing it.
        if (splitPaths.size < 1000) splitPaths.set(path, keys);
    }
    return keys;
}

function walk(root: any, path: string): unknown {
    let v = root;
    for (const key of keysOf(path)) {
        if (v === undefined || v === null || typeof v !== "object") return undefined;
        v = v[key];
    }
    return v;
}

function checkFor(pod: PodRef, partial: boolean, preview: Preview, report: Report): PodSecurityCheck {
    const get = (root: unknown, path: string) => (path === "" ? root : preview.read(() => walk(root, path)));
    const check: PodSecurityCheck = {
        pod,
        partial,
        get,
        key: (root, key) => preview.read(() => (root !== null && typeof root === "object" ? (root as any)[key] : undefined)),
        items: (root, path) => preview.items(() => walk(root, path)),
        list: (root, path) => {
            const v = get(root, path);
            if (isUnknown(v)) return v;
            if (!Array.isArray(v)) return undefined;
            const out: Known<unknown>[] = [];
            for (let i = 0; i < v.length; i++) out.push(preview.read(() => v[i]));
            return out;
        },
        keys: (root, path) => {
            const v = get(root, path);
            if (isUnknown(v)) return UNKNOWN_AT_PREVIEW;
            return v !== null && typeof v === "object" && !Array.isArray(v) ? Object.keys(v) : [];
        },
        containers: () => containersOf(pod, preview),
        windows: () => {
            const os = get(pod.spec, "os.name");
            return isUnknown(os) ? os : os === "windows";
        },
        userNamespaced: () => {
            const hostUsers = get(pod.spec, "hostUsers");
            return isUnknown(hostUsers) ? hostUsers : hostUsers === false;
        },
        report,
    };
    return check;
}

/** Declares a Pod Security Standards policy over every pod-bearing kind (see lib/workloads.ts). */
export function podSecurityPolicy(meta: PolicyMetadata & { readonly check: (c: PodSecurityCheck) => void }): BulwarkResourcePolicy {
    const { check, ...metadata } = meta;
    return resourcePolicy({
        ...metadata,
        types: POD_TYPES,
        validate: ({ type, props }, report) => {
            const preview = new Preview(true);
            const judged = preview.reporting(report);
            const whole = preview.read(() => podTemplateOf(type, props));
            const patch = whole === undefined ? preview.read(() => podPatchTemplateOf(type, props)) : undefined;
            const pod = whole ?? patch;
            if (pod !== undefined && !isUnknown(pod)) check(checkFor(pod, patch !== undefined, preview, judged));
            preview.finish();
        },
    });
}

/** `"a", "b"` for messages. */
export function quoted(values: readonly string[]): string {
    return values.map((v) => JSON.stringify(v)).join(", ");
}

/** The value is set: neither absent, null, nor unknown at preview. */
export function isSet(v: unknown): boolean {
    return v !== undefined && v !== null && !isUnknown(v);
}

/** Containers whose `/proc` is not the default masked one (procMount set to anything but Default). */
export function unmaskedProcMounts(check: PodSecurityCheck): { readonly container: ContainerRef; readonly value: string }[] {
    const out: { container: ContainerRef; value: string }[] = [];
    for (const container of check.containers()) {
        const value = check.get(container.container, "securityContext.procMount");
        if (typeof value === "string" && value !== "Default") out.push({ container, value });
    }
    return out;
}

/**
 * Capability names are matched exactly, by Pod Security admission as by this pack: `all`, `All` or
 * `CAP_ALL` are not `ALL`. For a name that only differs in case or the CAP_ prefix from one of
 * `canonical`, says so, so that a message explains why a list that looks right is refused.
 */
export function capabilitySpelling(values: readonly unknown[], canonical: readonly string[]): string {
    const hints: string[] = [];
    for (const v of values) {
        if (typeof v !== "string" || canonical.includes(v)) continue;
        const normal = v.toUpperCase().replace(/^CAP_/, "");
        if (canonical.includes(normal)) hints.push(`"${v}" is not "${normal}"`);
    }
    return hints.length > 0 ? `; capability names are case-sensitive and have no CAP_ prefix: ${hints.join(", ")}` : "";
}
