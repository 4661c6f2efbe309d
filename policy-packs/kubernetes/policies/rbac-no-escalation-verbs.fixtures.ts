import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { RBAC, bad, binding, clusterRole, ok, role } from "../lib/platform.fixtures";

const rbacGroup = "rbac.authorization.k8s.io";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "reads-roles": ok(clusterRole([{ apiGroups: [rbacGroup], resources: ["roles", "clusterroles"], verbs: ["get", "list"] }])),
        "wildcard-verbs-on-unrelated-resources": ok(role([{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["*"] }])),
        "reads-namespaces": ok(clusterRole([{ apiGroups: [""], resources: ["namespaces"], verbs: ["get", "list", "watch"] }])),
        "approves-only-its-own-signer": ok(
            clusterRole([{ apiGroups: ["certificates.k8s.io"], resources: ["signers"], resourceNames: ["issuers.cert-manager.io/*"], verbs: ["approve"] }]),
        ),
        "view-bound-cluster-wide": ok(binding("ClusterRoleBinding", "view", [{ kind: "Group", name: "auditors" }])),
        "verbs-unknown-at-preview": ok(clusterRole([{ apiGroups: [rbacGroup], resources: ["clusterroles"], verbs: UNKNOWN }])),
    },
    fail: {
        "bind": bad(clusterRole([{ apiGroups: [rbacGroup], resources: ["clusterroles"], verbs: ["bind"] }]), "rules[0] grants bind on clusterroles"),
        "escalate-in-role": bad(role([{ apiGroups: [rbacGroup], resources: ["roles"], verbs: ["escalate"] }]), "escalate on roles"),
        "impersonate-service-accounts": bad(
            clusterRole([{ apiGroups: [""], resources: ["serviceaccounts"], verbs: ["impersonate"] }]),
            "impersonate on serviceaccounts",
        ),
        "edit-bound-in-a-namespace-impersonates-its-service-accounts": bad(
            binding("RoleBinding", "edit", [{ kind: "Group", name: "team-a" }]),
            'roleRef "edit" (the built-in ClusterRole, bound in this namespace) grants impersonate on serviceaccounts',
        ),
        "patches-namespaces": bad(
            clusterRole([{ apiGroups: [""], resources: ["namespaces"], verbs: ["patch"] }]),
            "rules[0] grants patch on namespaces, which can relabel a namespace out of Pod Security enforcement",
        ),
        "approves-kubernetes-signers": bad(
            clusterRole([
                { apiGroups: ["certificates.k8s.io"], resources: ["certificatesigningrequests/approval"], verbs: ["update"] },
                { apiGroups: ["certificates.k8s.io"], resources: ["signers"], resourceNames: ["kubernetes.io/kube-apiserver-client"], verbs: ["approve"] },
            ]),
            "rules[1] grants approve on signers, which approves client certificates",
        ),
        "approves-every-signer": bad(clusterRole([{ apiGroups: ["certificates.k8s.io"], resources: ["signers"], verbs: ["approve"] }]), "approve on signers"),
        "cluster-role-patch-that-adds-impersonation": bad(
            { type: `${RBAC}:ClusterRolePatch`, name: "ops-patch", props: { metadata: { name: "ops" }, rules: [{ apiGroups: [""], resources: ["users"], verbs: ["impersonate"] }] } },
            "rules[0] grants impersonate on users",
        ),
        "wildcard-verbs-on-roles": bad(clusterRole([{ apiGroups: [rbacGroup], resources: ["*"], verbs: ["*"] }]), "bind on roles"),
        "v1alpha1": bad(
            clusterRole([{ apiGroups: [""], resources: ["users", "groups"], verbs: ["impersonate"] }], {}, "v1alpha1"),
            "impersonate on users",
        ),
    },
};
