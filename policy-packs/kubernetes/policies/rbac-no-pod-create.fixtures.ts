import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { RBAC, bad, binding, clusterRole, ok, role } from "../lib/platform.fixtures";

const aggregated = (matchLabels: Record<string, string>) => clusterRole([], { aggregationRule: { clusterRoleSelectors: [{ matchLabels }] } });

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "cluster-role-reads-pods": ok(clusterRole([{ apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list", "watch"] }])),
        "namespaced-role-may-create-pods": ok(role([{ apiGroups: [""], resources: ["pods", "pods/exec"], verbs: ["create"] }])),
        "namespaced-role-may-deploy": ok(role([{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["create", "patch"] }])),
        "cluster-role-scales-deployments": ok(clusterRole([{ apiGroups: ["apps"], resources: ["deployments/scale"], verbs: ["update", "patch"] }])),
        "cluster-role-deletes-jobs": ok(clusterRole([{ apiGroups: ["batch"], resources: ["jobs"], verbs: ["get", "list", "delete"] }])),
        "edit-bound-in-one-namespace": ok(binding("RoleBinding", "edit", [{ kind: "Group", name: "team-a" }])),
        "view-bound-cluster-wide": ok(binding("ClusterRoleBinding", "view", [{ kind: "Group", name: "auditors" }])),
        "aggregates-the-built-in-view": ok(aggregated({ "rbac.authorization.k8s.io/aggregate-to-view": "true" })),
        "resources-unknown-at-preview": ok(clusterRole([{ apiGroups: [""], resources: UNKNOWN, verbs: ["create"] }])),
    },
    fail: {
        "create-pods": bad(clusterRole([{ apiGroups: [""], resources: ["pods"], verbs: ["create"] }]), "rules[0] grants create on pods cluster-wide"),
        "exec-into-pods": bad(
            clusterRole([{ apiGroups: [""], resources: ["pods/exec", "pods/attach"], verbs: ["create", "get"] }]),
            "create/get on pods/exec, create/get on pods/attach",
        ),
        "get-on-exec-is-exec-over-websocket": bad(
            clusterRole([{ apiGroups: [""], resources: ["pods/exec"], verbs: ["get"] }]),
            "rules[0] grants get on pods/exec cluster-wide",
        ),
        "subresource-wildcard": bad(clusterRole([{ apiGroups: [""], resources: ["pods/*"], verbs: ["create"] }]), "pods/exec"),
        "wildcard-verbs": bad(clusterRole([{ apiGroups: ["*"], resources: ["pods"], verbs: ["*"] }]), "create on pods"),
        "ephemeral-containers": bad(
            clusterRole([{ apiGroups: [""], resources: ["pods/ephemeralcontainers"], verbs: ["patch"] }]),
            "patch on pods/ephemeralcontainers",
        ),
        "creates-deployments-which-create-pods": bad(
            clusterRole([{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["create"] }]),
            "rules[0] grants create on deployments (apps) cluster-wide, which creates pods",
        ),
        "patches-daemonsets-to-a-new-template": bad(clusterRole([{ apiGroups: ["apps"], resources: ["daemonsets"], verbs: ["patch"] }]), "patch on daemonsets (apps)"),
        "creates-cronjobs": bad(clusterRole([{ apiGroups: ["batch"], resources: ["cronjobs", "jobs"], verbs: ["create"] }]), "create on jobs (batch), create on cronjobs (batch)"),
        "creates-replication-controllers": bad(clusterRole([{ apiGroups: [""], resources: ["replicationcontrollers"], verbs: ["create"] }]), "replicationcontrollers"),
        "edit-bound-cluster-wide": bad(
            binding("ClusterRoleBinding", "edit", [{ kind: "Group", name: "developers" }]),
            'roleRef "edit" (the built-in ClusterRole, bound in every namespace) grants create on pods, create/get on pods/exec',
        ),
        "admin-bound-cluster-wide": bad(binding("ClusterRoleBinding", "admin", [{ kind: "User", name: "alice" }]), 'instead of the built-in "admin"'),
        "aggregates-the-built-in-edit": bad(
            aggregated({ "rbac.authorization.k8s.io/aggregate-to-edit": "true" }),
            "aggregationRule.clusterRoleSelectors[0] (copies the built-in view, system:aggregate-to-edit) grants",
        ),
        "aggregates-every-built-in-role": bad(
            clusterRole([], { aggregationRule: { clusterRoleSelectors: [{ matchExpressions: [{ key: "kubernetes.io/bootstrapping", operator: "Exists" }] }] } }),
            "copies the built-in cluster-admin",
        ),
        "cluster-role-patch-that-adds-pod-creation": bad(
            { type: `${RBAC}:ClusterRolePatch`, name: "reader-patch", props: { metadata: { name: "reader" }, rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["create"] }] } },
            "rules[0] grants create on pods cluster-wide",
        ),
    },
};
