/**
 * The built-in ClusterRoles whose rights reach user-written objects: `cluster-admin`, and `admin`,
 * `edit` and `view`, which the aggregation controller assembles from every ClusterRole labelled
 * `rbac.authorization.k8s.io/aggregate-to-<role>` (their `system:aggregate-to-*` parts and one
 * another: admin takes edit, edit takes view). A binding to one of them, or a ClusterRole whose
 * aggregationRule selects their labels, grants what they grant. Only the rules the pack's policies
 * judge are kept here (from the API server's bootstrap policy).
 */

export interface BuiltInRule {
    readonly verbs: readonly string[];
    readonly apiGroups: readonly string[];
    readonly resources: readonly string[];
    readonly nonResourceURLs?: readonly string[];
}

export interface BuiltInRole {
    readonly name: string;
    readonly labels: Readonly<Record<string, string>>;
    /** Its own rules; an aggregated role also takes the rules of the roles its `aggregates` labels select. */
    readonly rules: readonly BuiltInRule[];
    readonly aggregates?: Readonly<Record<string, string>>;
}

const WRITE = ["create", "update", "patch", "delete", "deletecollection"];
const READ = ["get", "list", "watch"];
const BOOTSTRAP = { "kubernetes.io/bootstrapping": "rbac-defaults" };
const aggregateTo = (role: string) => ({ [`rbac.authorization.k8s.io/aggregate-to-${role}`]: "true" });

export const BUILT_IN_ROLES: readonly BuiltInRole[] = [
    {
        name: "cluster-admin",
        labels: BOOTSTRAP,
        rules: [
            { verbs: ["*"], apiGroups: ["*"], resources: ["*"] },
            { verbs: ["*"], apiGroups: [], resources: [], nonResourceURLs: ["*"] },
        ],
    },
    { name: "admin", labels: BOOTSTRAP, rules: [], aggregates: aggregateTo("admin") },
    { name: "edit", labels: { ...BOOTSTRAP, ...aggregateTo("admin") }, rules: [], aggregates: aggregateTo("edit") },
    { name: "view", labels: { ...BOOTSTRAP, ...aggregateTo("edit") }, rules: [], aggregates: aggregateTo("view") },
    {
        name: "system:aggregate-to-admin",
        labels: { ...BOOTSTRAP, ...aggregateTo("admin") },
        rules: [
            { verbs: ["create"], apiGroups: ["authorization.k8s.io"], resources: ["localsubjectaccessreviews"] },
            { verbs: [...READ, ...WRITE], apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles", "rolebindings"] },
        ],
    },
    {
        name: "system:aggregate-to-edit",
        labels: { ...BOOTSTRAP, ...aggregateTo("edit") },
        rules: [
            { verbs: READ, apiGroups: [""], resources: ["pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets", "services/proxy"] },
            { verbs: ["impersonate"], apiGroups: [""], resources: ["serviceaccounts"] },
            { verbs: WRITE, apiGroups: [""], resources: ["pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"] },
            { verbs: ["create"], apiGroups: [""], resources: ["serviceaccounts/token"] },
            {
                verbs: WRITE,
                apiGroups: [""],
                resources: ["replicationcontrollers", "serviceaccounts", "services", "endpoints", "persistentvolumeclaims", "configmaps", "secrets"],
            },
            { verbs: WRITE, apiGroups: ["apps"], resources: ["statefulsets", "daemonsets", "deployments", "replicasets"] },
            { verbs: WRITE, apiGroups: ["batch"], resources: ["jobs", "cronjobs"] },
            { verbs: WRITE, apiGroups: ["networking.k8s.io"], resources: ["ingresses", "networkpolicies"] },
        ],
    },
    {
        name: "system:aggregate-to-view",
        labels: { ...BOOTSTRAP, ...aggregateTo("view") },
        rules: [
            { verbs: READ, apiGroups: [""], resources: ["pods", "pods/log", "configmaps", "services", "endpoints", "persistentvolumeclaims", "namespaces"] },
            { verbs: READ, apiGroups: ["apps"], resources: ["statefulsets", "daemonsets", "deployments", "replicasets"] },
            { verbs: READ, apiGroups: ["batch"], resources: ["jobs", "cronjobs"] },
        ],
    },
];

/** A label selector as the policies read it; `undefined` fields are absent. */
export interface Selector {
    readonly matchLabels?: Readonly<Record<string, unknown>>;
    readonly matchExpressions?: readonly { readonly key?: unknown; readonly operator?: unknown; readonly values?: readonly unknown[] }[];
}

/** Whether a label selector selects an object with these labels (an empty selector selects everything). */
export function selects(selector: Selector, labels: Readonly<Record<string, string>>): boolean {
    for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
    for (const e of selector.matchExpressions ?? []) {
        const key = String(e.key);
        const has = Object.prototype.hasOwnProperty.call(labels, key);
        const values = (e.values ?? []).map(String);
        const ok =
            e.operator === "In" ? has && values.includes(labels[key])
            : e.operator === "NotIn" ? !has || !values.includes(labels[key])
            : e.operator === "Exists" ? has
            : e.operator === "DoesNotExist" ? !has
            : false;
        if (!ok) return false;
    }
    return true;
}

function byName(name: string): BuiltInRole | undefined {
    return BUILT_IN_ROLES.find((r) => r.name === name);
}

/** The rules a built-in role grants once the aggregation controller has filled it in. */
export function builtInRules(name: string, seen: ReadonlySet<string> = new Set()): BuiltInRule[] {
    const role = byName(name);
    if (!role || seen.has(name)) return [];
    const next = new Set([...seen, name]);
    const aggregated = role.aggregates
        ? BUILT_IN_ROLES.filter((r) => r.name !== name && selects({ matchLabels: role.aggregates }, r.labels)).flatMap((r) => builtInRules(r.name, next))
        : [];
    return [...role.rules, ...aggregated];
}

/** The built-in ClusterRoles an aggregation selector takes rules from, and those rules. */
export function builtInRolesSelectedBy(selector: Selector): { readonly names: string[]; readonly rules: BuiltInRule[] } {
    const names = BUILT_IN_ROLES.filter((r) => selects(selector, r.labels)).map((r) => r.name);
    return { names, rules: names.flatMap((n) => builtInRules(n)) };
}

/** Built-in roles whose rights matter when bound: the broad ones. `cluster-admin` has its own policy. */
export const BROAD_BUILT_IN_ROLES: readonly string[] = ["admin", "edit"];
