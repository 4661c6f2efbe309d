/**
 * RBAC objects as the policies read them, for every API version the provider ships
 * (rbac.authorization.k8s.io v1, v1beta1, v1alpha1). A rule grants a (verb, apiGroup, resource)
 * when each of its lists names the value or `*`; unknown list elements are left out, so a rule is
 * only found to grant something from what is known.
 */
import { type Known, type Preview, isUnknown } from "./preview";

const VERSIONS = ["v1", "v1beta1", "v1alpha1"];
const token = (kind: string) => VERSIONS.map((v) => `kubernetes:rbac.authorization.k8s.io/${v}:${kind}`);

export const ROLE_TYPES: readonly string[] = token("Role");
export const CLUSTER_ROLE_TYPES: readonly string[] = token("ClusterRole");
export const ROLE_BINDING_TYPES: readonly string[] = token("RoleBinding");
export const CLUSTER_ROLE_BINDING_TYPES: readonly string[] = token("ClusterRoleBinding");

export type RbacKind = "Role" | "ClusterRole" | "RoleBinding" | "ClusterRoleBinding";

export function rbacKindOf(type: string): RbacKind | undefined {
    if (ROLE_TYPES.includes(type)) return "Role";
    if (CLUSTER_ROLE_TYPES.includes(type)) return "ClusterRole";
    if (ROLE_BINDING_TYPES.includes(type)) return "RoleBinding";
    if (CLUSTER_ROLE_BINDING_TYPES.includes(type)) return "ClusterRoleBinding";
    return undefined;
}

/** One PolicyRule with its lists read (known elements only); a wholly unknown list is empty. */
export interface RuleView {
    readonly index: number;
    /** "rules[0]", for messages. */
    readonly path: string;
    readonly verbs: readonly string[];
    readonly apiGroups: readonly string[];
    readonly resources: readonly string[];
    readonly resourceNames: readonly string[];
    readonly nonResourceURLs: readonly string[];
    /** Whether resourceNames is known to be empty (an unknown list might name resources, or not). */
    readonly unrestrictedByName: boolean;
}

function known(list: Known<string[]> | undefined): string[] {
    return list === undefined || isUnknown(list) ? [] : list;
}

/** The rules of a Role or ClusterRole. */
export function rulesOf(props: Record<string, any>, preview: Preview): RuleView[] {
    return preview.items(() => props.rules).map(({ index, value: rule }) => {
        const names = preview.strings(() => rule?.resourceNames);
        // `strings` leaves out elements unknown at preview; such an element still names a resource.
        const listed = preview.read(() => (Array.isArray(rule?.resourceNames) ? rule.resourceNames.length : 0));
        return {
            index,
            path: `rules[${index}]`,
            verbs: known(preview.strings(() => rule?.verbs)),
            apiGroups: known(preview.strings(() => rule?.apiGroups)),
            resources: known(preview.strings(() => rule?.resources)),
            resourceNames: known(names),
            nonResourceURLs: known(preview.strings(() => rule?.nonResourceURLs)),
            unrestrictedByName: names === undefined || (!isUnknown(names) && names.length === 0 && listed === 0),
        };
    });
}

/** Whether a resource list entry covers a resource or subresource ("*", "pods", "pods/*" for "pods/exec"). */
function resourceCovers(entry: string, resource: string): boolean {
    if (entry === "*" || entry === resource) return true;
    if (entry.endsWith("/*")) return resource.startsWith(entry.slice(0, -1));
    return false;
}

/** The verbs among `wanted` that the rule grants on `resource` in `apiGroup`. */
export function grantedVerbs(rule: RuleView, apiGroup: string, resource: string, wanted: readonly string[]): string[] {
    if (!rule.apiGroups.some((g) => g === "*" || g === apiGroup)) return [];
    if (!rule.resources.some((r) => resourceCovers(r, resource))) return [];
    if (rule.verbs.includes("*")) return [...wanted];
    return wanted.filter((v) => rule.verbs.includes(v));
}

/**
 * Whether the rules of a Role or ClusterRole are the ones it declares. An aggregated ClusterRole's
 * rules are written by the controller from the ClusterRoles it selects (each checked on its own),
 * so rules declared beside an aggregationRule are overwritten and not checked.
 */
export function hasOwnRules(props: Record<string, any>, preview: Preview): boolean {
    // Unknown at preview: whether the declared rules survive is decided at the update (the read
    // is remembered, so the engine reports "can't run during preview" for them).
    const aggregation = preview.read(() => props.aggregationRule);
    return aggregation === undefined || aggregation === null;
}

/** The role kinds, for policies that check rules. */
export function isRoleKind(kind: RbacKind | undefined): kind is "Role" | "ClusterRole" {
    return kind === "Role" || kind === "ClusterRole";
}

/** One subject of a RoleBinding or ClusterRoleBinding, with its fields read (undefined when unknown). */
export interface SubjectView {
    readonly index: number;
    readonly path: string;
    readonly kind?: string;
    readonly name?: string;
    readonly namespace?: string;
}

export function subjectsOf(props: Record<string, any>, preview: Preview): SubjectView[] {
    const str = (v: unknown) => (typeof v === "string" ? v : undefined);
    return preview.items(() => props.subjects).map(({ index, value }) => ({
        index,
        path: `subjects[${index}]`,
        kind: str(preview.read(() => value?.kind)),
        name: str(preview.read(() => value?.name)),
        namespace: str(preview.read(() => value?.namespace)),
    }));
}
