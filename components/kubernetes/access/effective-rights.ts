import type * as k8s from "@pulumi/kubernetes";

type PolicyRule = k8s.types.input.rbac.v1.PolicyRule;

/**
 * What a set of namespaced RBAC rules amounts to, beyond the verbs they list. RBAC grants verbs on
 * objects, but some verbs reach further: whoever may update a Secret gets it back in the response,
 * and whoever may create a pod, or anything that makes pods, picks the pod's Secrets and
 * ServiceAccount.
 */
export interface EffectiveRights {
    /** Reads Secret values: by get/list/watch, or in the response to an update, patch or delete. */
    readonly readsSecretsThroughApi: boolean;
    /** Mounts any Secret of the namespace into a pod it creates (directly or through a controller). */
    readonly mountsAnySecret: boolean;
    /** Runs code as any ServiceAccount of the namespace (a pod spec's serviceAccountName, or a minted token). */
    readonly actsAsAnyServiceAccount: boolean;
    /** Runs commands in, or attaches to, running containers. */
    readonly execsIntoPods: boolean;
    /** Changes RBAC, or binds, escalates or impersonates. */
    readonly changesAccess: boolean;
    /** Changes or removes the namespace's NetworkPolicies, the default deny included. */
    readonly changesNetworkPolicy: boolean;
    /** Creates, updates or deletes workloads and their configuration. */
    readonly deploysWorkloads: boolean;
    /** Restarts (deletes) pods and scales workloads. */
    readonly operatesWorkloads: boolean;
}

/** Kinds whose create or update makes pods from a caller-chosen pod spec. */
const POD_MAKERS: ReadonlyArray<readonly [string, string]> = [
    ["", "pods"],
    ["", "replicationcontrollers"],
    ["apps", "deployments"],
    ["apps", "replicasets"],
    ["apps", "statefulsets"],
    ["apps", "daemonsets"],
    ["batch", "jobs"],
    ["batch", "cronjobs"],
];

function grants(rules: readonly PolicyRule[], group: string, resource: string, verbs: readonly string[]): boolean {
    return rules.some((r) => {
        const groups = (r.apiGroups ?? []) as string[];
        const resources = (r.resources ?? []) as string[];
        const ruleVerbs = (r.verbs ?? []) as string[];
        return (
            (groups.includes(group) || groups.includes("*")) &&
            (resources.includes(resource) || resources.includes("*")) &&
            (ruleVerbs.includes("*") || verbs.some((v) => ruleVerbs.includes(v)))
        );
    });
}

const WRITES = ["create", "update", "patch"];

export function effectiveRights(rules: readonly PolicyRule[]): EffectiveRights {
    const makesPods = POD_MAKERS.some(([group, resource]) => grants(rules, group, resource, WRITES));
    return {
        readsSecretsThroughApi: grants(rules, "", "secrets", ["get", "list", "watch", "update", "patch", "delete", "deletecollection"]),
        mountsAnySecret: makesPods,
        actsAsAnyServiceAccount: makesPods || grants(rules, "", "serviceaccounts/token", ["create"]) || grants(rules, "", "serviceaccounts", ["impersonate"]),
        execsIntoPods: grants(rules, "", "pods/exec", ["create", "get"]) || grants(rules, "", "pods/attach", ["create", "get"]),
        changesAccess:
            ["roles", "rolebindings", "clusterroles", "clusterrolebindings"].some((res) => grants(rules, "rbac.authorization.k8s.io", res, [...WRITES, "delete", "bind", "escalate"])) ||
            ["users", "groups", "serviceaccounts"].some((res) => grants(rules, "", res, ["impersonate"])),
        changesNetworkPolicy: grants(rules, "networking.k8s.io", "networkpolicies", [...WRITES, "delete"]),
        deploysWorkloads: makesPods || grants(rules, "", "configmaps", WRITES) || grants(rules, "", "services", WRITES),
        operatesWorkloads: grants(rules, "", "pods", ["delete"]) || grants(rules, "apps", "deployments/scale", ["update", "patch"]),
    };
}
