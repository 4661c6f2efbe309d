import type * as k8s from "@pulumi/kubernetes";

import type { EffectiveRights } from "./effective-rights";

type PolicyRule = k8s.types.input.rbac.v1.PolicyRule;

/** The team roles, least to most privileged. */
export const TEAM_ROLES = ["viewer", "developer", "deployer"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

const READ = ["get", "list", "watch"];
const WRITE = ["create", "update", "patch", "delete"];

/** What a team namespace holds, by API group: the objects its roles may see. Secrets are apart. */
const NAMESPACED_OBJECTS: ReadonlyArray<readonly [string, readonly string[]]> = [
    ["", ["pods", "pods/log", "services", "endpoints", "configmaps", "persistentvolumeclaims", "serviceaccounts", "events", "resourcequotas", "limitranges"]],
    ["apps", ["deployments", "replicasets", "statefulsets", "daemonsets"]],
    ["batch", ["jobs", "cronjobs"]],
    ["autoscaling", ["horizontalpodautoscalers"]],
    ["policy", ["poddisruptionbudgets"]],
    ["networking.k8s.io", ["networkpolicies", "ingresses"]],
    ["discovery.k8s.io", ["endpointslices"]],
];

const readAll = (): PolicyRule[] => NAMESPACED_OBJECTS.map(([group, resources]) => ({ apiGroups: [group], resources: [...resources], verbs: [...READ] }));

/**
 * The rules of each namespaced team role; `TEAM_ROLE_PROMISES` says what each amounts to. No role
 * reads Secrets through the API: not by get/list/watch, and not in the response to an update,
 * patch or delete, which returns the object. No role gets pods/exec, pods/attach or RBAC objects,
 * which would let it reach the namespace's tokens and Secrets or grant itself more.
 */
export const TEAM_ROLE_RULES: Readonly<Record<TeamRole, readonly PolicyRule[]>> = {
    viewer: readAll(),
    developer: [
        ...readAll(),
        // Operating running workloads: restart a pod, reach it locally, scale. Not creating Jobs:
        // a Job takes any pod spec, so it could mount any Secret and run as any ServiceAccount.
        { apiGroups: [""], resources: ["pods"], verbs: ["delete"] },
        { apiGroups: [""], resources: ["pods/portforward"], verbs: ["create"] },
        { apiGroups: ["apps"], resources: ["deployments/scale", "statefulsets/scale"], verbs: ["get", "update", "patch"] },
    ],
    deployer: [
        ...readAll(),
        { apiGroups: [""], resources: ["configmaps", "services", "serviceaccounts", "persistentvolumeclaims"], verbs: [...WRITE] },
        // Create only: an update, patch or delete answers with the stored object, values included.
        // Rotate by creating a Secret under a new name and pointing the workload at it.
        { apiGroups: [""], resources: ["secrets"], verbs: ["create"] },
        { apiGroups: ["apps"], resources: ["deployments", "statefulsets"], verbs: [...WRITE] },
        { apiGroups: ["apps"], resources: ["deployments/scale", "statefulsets/scale"], verbs: ["get", "update", "patch"] },
        { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: [...WRITE] },
        { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: [...WRITE] },
        { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: [...WRITE] },
        { apiGroups: ["networking.k8s.io"], resources: ["networkpolicies", "ingresses"], verbs: [...WRITE] },
    ],
};

/**
 * What each role amounts to, effective rights included (see `effectiveRights`). The components
 * README states the same promise in words; a test holds the rules to it.
 */
export const TEAM_ROLE_PROMISES: Readonly<Record<TeamRole, EffectiveRights>> = {
    viewer: {
        readsSecretsThroughApi: false,
        mountsAnySecret: false,
        actsAsAnyServiceAccount: false,
        execsIntoPods: false,
        changesAccess: false,
        changesNetworkPolicy: false,
        deploysWorkloads: false,
        operatesWorkloads: false,
    },
    developer: {
        readsSecretsThroughApi: false,
        mountsAnySecret: false,
        actsAsAnyServiceAccount: false,
        execsIntoPods: false,
        changesAccess: false,
        changesNetworkPolicy: false,
        deploysWorkloads: false,
        operatesWorkloads: true,
    },
    // Deploying is choosing pod specs: a deployer can use every Secret and ServiceAccount of its
    // namespaces in the pods it deploys. That is the role's promise, not a leak; it still cannot
    // read Secrets through the API, exec into pods, or change RBAC.
    deployer: {
        readsSecretsThroughApi: false,
        mountsAnySecret: true,
        actsAsAnyServiceAccount: true,
        execsIntoPods: false,
        changesAccess: false,
        changesNetworkPolicy: true,
        deploysWorkloads: true,
        operatesWorkloads: true,
    },
};

/**
 * Cluster-wide read-only access: what runs where, and the cluster's shape. Leaves out Secrets and
 * ConfigMaps (cluster-wide they hold credentials and auth maps) and RBAC objects.
 */
export const CLUSTER_VIEWER_RULES: readonly PolicyRule[] = [
    { apiGroups: [""], resources: ["namespaces", "nodes", "persistentvolumes", "pods", "services", "endpoints", "events", "persistentvolumeclaims", "resourcequotas", "limitranges"], verbs: [...READ] },
    { apiGroups: ["apps"], resources: ["deployments", "replicasets", "statefulsets", "daemonsets"], verbs: [...READ] },
    { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: [...READ] },
    { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: [...READ] },
    { apiGroups: ["networking.k8s.io"], resources: ["networkpolicies", "ingresses", "ingressclasses"], verbs: [...READ] },
    { apiGroups: ["storage.k8s.io"], resources: ["storageclasses"], verbs: [...READ] },
];
