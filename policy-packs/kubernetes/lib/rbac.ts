/**
 * RBAC objects as the policies read them, for every API version the provider ships
 * (rbac.authorization.k8s.io v1, v1beta1, v1alpha1) and their server-side-apply patches
 * (`RolePatch`, `ClusterRolePatch`, ...). A rule grants a (verb, apiGroup, resource) when each of its
 * lists names the value or `*`; unknown list elements are left out, so a rule is only found to grant
 * something from what is known. A patch's `rules` and `subjects` replace the live lists (they are
 * atomic lists), so they are judged like the whole object's; what a patch leaves out is not judged.
 */
import { BROAD_BUILT_IN_ROLES, type BuiltInRule, builtInRolesSelectedBy, builtInRules } from "./rbac-builtin";
import { type Known, type Preview, isUnknown } from "./preview";

const VERSIONS = ["v1", "v1beta1", "v1alpha1"];
const token = (kind: string) => VERSIONS.flatMap((v) => [`kubernetes:rbac.authorization.k8s.io/${v}:${kind}`, `kubernetes:rbac.authorization.k8s.io/${v}:${kind}Patch`]);

export const ROLE_TYPES: readonly string[] = token("Role");
export const CLUSTER_ROLE_TYPES: readonly string[] = token("ClusterRole");
export const ROLE_BINDING_TYPES: readonly string[] = token("RoleBinding");
export const CLUSTER_ROLE_BINDING_TYPES: readonly string[] = token("ClusterRoleBinding");

/** Every Role, ClusterRole and binding type token, patches included. */
export const RBAC_TYPES: readonly [string, ...string[]] = [ROLE_TYPES[0], ...ROLE_TYPES.slice(1), ...CLUSTER_ROLE_TYPES, ...ROLE_BINDING_TYPES, ...CLUSTER_ROLE_BINDING_TYPES];

export type RbacKind = "Role" | "ClusterRole" | "RoleBinding" | "ClusterRoleBinding";

/** The RBAC kind of a type token, the same for the object and its patch. */
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
    /** For rights that come from a built-in role (bound, or aggregated): what to do instead. */
    readonly fix?: string;
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

function builtInView(rule: BuiltInRule, index: number, path: string, fix: string): RuleView {
    return {
        index,
        path,
        verbs: rule.verbs,
        apiGroups: rule.apiGroups,
        resources: rule.resources,
        resourceNames: [],
        nonResourceURLs: rule.nonResourceURLs ?? [],
        unrestrictedByName: true,
        fix,
    };
}

/** What a Role, ClusterRole or binding grants, and where: in one namespace ("Role") or in all ("ClusterRole"). */
export interface Grant {
    readonly scope: "Role" | "ClusterRole";
    readonly rules: readonly RuleView[];
}

/**
 * The rights a resource grants, judged by effect: a Role's or ClusterRole's own rules; for an
 * aggregated ClusterRole, the rules of the built-in roles its selectors copy (its own rules are
 * overwritten by the controller, and user-written roles it selects are checked one by one); for a
 * binding to the built-in `admin` or `edit`, their rules, in the binding's namespace (RoleBinding) or
 * in every namespace (ClusterRoleBinding). Undefined for other types.
 */
export function grantOf(type: string, props: Record<string, any>, preview: Preview): Grant | undefined {
    const kind = rbacKindOf(type);
    if (kind === "Role") return { scope: "Role", rules: rulesOf(props, preview) };
    if (kind === "ClusterRole") {
        const aggregation = preview.read(() => props.aggregationRule);
        if (isUnknown(aggregation)) return { scope: "ClusterRole", rules: [] };
        if (aggregation === undefined || aggregation === null) return { scope: "ClusterRole", rules: rulesOf(props, preview) };
        const rules: RuleView[] = [];
        for (const { index, value } of preview.items(() => props.aggregationRule?.clusterRoleSelectors)) {
            const selector = preview.read(() => JSON.parse(JSON.stringify(value ?? {})));
            if (isUnknown(selector)) continue;
            const copied = builtInRolesSelectedBy(selector);
            if (copied.names.length === 0) continue;
            const path = `aggregationRule.clusterRoleSelectors[${index}] (copies the built-in ${copied.names.join(", ")})`;
            const fix = `select only labels of your own ClusterRoles in aggregationRule.clusterRoleSelectors[${index}]`;
            copied.rules.forEach((r, i) => rules.push(builtInView(r, i, path, fix)));
        }
        return { scope: "ClusterRole", rules };
    }
    if (kind === "RoleBinding" || kind === "ClusterRoleBinding") {
        const roleKind = preview.read(() => props.roleRef?.kind);
        const roleName = preview.read(() => props.roleRef?.name);
        if (roleKind !== "ClusterRole" || typeof roleName !== "string" || !BROAD_BUILT_IN_ROLES.includes(roleName)) return undefined;
        const where = kind === "ClusterRoleBinding" ? "in every namespace" : "in this namespace";
        const path = `roleRef "${roleName}" (the built-in ClusterRole, bound ${where})`;
        const fix = `bind a Role or ClusterRole with only the rights the subjects need instead of the built-in "${roleName}"`;
        return { scope: kind === "ClusterRoleBinding" ? "ClusterRole" : "Role", rules: builtInRules(roleName).map((r, i) => builtInView(r, i, path, fix)) };
    }
    return undefined;
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
