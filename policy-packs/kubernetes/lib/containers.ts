/**
 * Every container of a pod-bearing resource, in all three container lists, read through Preview so
 * that an unknown list or container skips only itself.
 */
import { memoOf } from "../../common/unknown-proxy";
import { podPatchTemplateOf, podTemplateOf } from "./workloads";
import { Preview, isUnknown } from "./preview";

export const CONTAINER_LISTS = ["initContainers", "containers", "ephemeralContainers"] as const;
export type ContainerList = (typeof CONTAINER_LISTS)[number];

export interface ContainerRef {
    readonly list: ContainerList;
    readonly index: number;
    /** "spec.template.spec.containers[0]", for messages. */
    readonly path: string;
    /** The container's props (behind the engine's proxy: read its fields through Preview). */
    readonly container: any;
    /** `container "app"`, or `container 0` when the name is not known. */
    readonly label: string;
}

export interface PodRef {
    readonly spec: any;
    readonly specPath: string;
    readonly metadata: any;
    readonly metadataPath: string;
    /**
     * The resource is a server-side-apply patch (`DeploymentPatch`...): what it sets is judged like the
     * same field of the whole object, but a field it leaves out may be set by another field manager,
     * so an absence is never a violation.
     */
    readonly partial?: boolean;
}

/**
 * The pod template of a pod-bearing resource or patch; undefined for other kinds, or when it is not
 * known yet.
 */
export function podOf(type: string, props: Record<string, any>, preview: Preview): PodRef | undefined {
    const whole = preview.read(() => podTemplateOf(type, props));
    if (whole !== undefined) return isUnknown(whole) ? undefined : whole;
    const patch = preview.read(() => podPatchTemplateOf(type, props));
    if (patch === undefined || isUnknown(patch)) return undefined;
    return { ...patch, partial: true };
}

const LISTED = Symbol("containers by spec path and lists");

interface Listed {
    readonly containers: readonly ContainerRef[];
    /** The first unknown value met while listing them. */
    readonly unknown: Error | undefined;
}

/**
 * The containers of a pod, list by list. Listed from a read-only view (which every policy of a
 * resource shares), they are kept beside the pod spec's view, by path and lists, with the first
 * unknown value the listing met: a policy that takes them from there remembers that unknown as it
 * would have on reading them itself.
 */
export function containersOf(pod: PodRef, preview: Preview, lists: readonly ContainerList[] = CONTAINER_LISTS): readonly ContainerRef[] {
    const memo = memoOf(pod.spec);
    if (memo === undefined) return listContainers(pod, preview, lists);
    let byPath = memo.get(LISTED) as Map<string, Map<string, Listed>> | undefined;
    if (!byPath) memo.set(LISTED, (byPath = new Map()));
    let byLists = byPath.get(pod.specPath);
    if (!byLists) byPath.set(pod.specPath, (byLists = new Map()));
    const key = lists === CONTAINER_LISTS ? "" : lists.join(",");
    let found = byLists.get(key);
    if (!found) {
        const scratch = new Preview();
        const containers = listContainers(pod, scratch, lists);
        for (const c of containers) Object.freeze(c);
        found = { containers: Object.freeze(containers), unknown: scratch.firstUnknown };
        byLists.set(key, found);
    }
    if (found.unknown) preview.remember(found.unknown);
    return found.containers;
}

function listContainers(pod: PodRef, preview: Preview, lists: readonly ContainerList[]): ContainerRef[] {
    const out: ContainerRef[] = [];
    for (const list of lists) {
        for (const { index, value } of preview.items(() => pod.spec[list])) {
            if (value === null || typeof value !== "object") continue;
            const name = preview.read(() => value.name);
            out.push({
                list,
                index,
                path: `${pod.specPath}.${list}[${index}]`,
                container: value,
                label: typeof name === "string" ? `container "${name}"` : `container ${index}`,
            });
        }
    }
    return out;
}
