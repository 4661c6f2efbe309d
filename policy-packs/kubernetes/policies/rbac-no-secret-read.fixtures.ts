import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { RBAC, bad, binding, clusterRole, ok, role } from "../lib/platform.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "role-gets-named-secrets": ok(role([{ apiGroups: [""], resources: ["secrets"], resourceNames: ["db"], verbs: ["get"] }])),
        "cluster-role-reads-config-maps": ok(clusterRole([{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }])),
        "cluster-role-creates-secrets-only": ok(clusterRole([{ apiGroups: [""], resources: ["secrets"], verbs: ["create"] }])),
        "secrets-in-another-api-group": ok(clusterRole([{ apiGroups: ["example.io"], resources: ["secrets"], verbs: ["get"] }])),
        "aggregated-role-rules-are-controller-written": ok(
            clusterRole([{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }], {
                aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: "b" } }] },
            }),
        ),
        "view-bound-cluster-wide": ok(binding("ClusterRoleBinding", "view", [{ kind: "Group", name: "auditors" }])),
        "aggregates-the-built-in-view": ok(
            clusterRole([], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" } }] } }),
        ),
        "role-patch-that-gets-named-secrets": ok({
            type: `${RBAC}:RolePatch`,
            name: "reader-patch",
            props: { metadata: { name: "reader", namespace: "apps" }, rules: [{ apiGroups: [""], resources: ["secrets"], resourceNames: ["db"], verbs: ["get"] }] },
        }),
        "resource-names-unknown-at-preview": ok(role([{ apiGroups: [""], resources: ["secrets"], resourceNames: UNKNOWN, verbs: ["get"] }])),
    },
    fail: {
        "cluster-role-get": bad(
            clusterRole([{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }]),
            "rules[0] grants get on secrets cluster-wide",
        ),
        "cluster-role-wildcard": bad(clusterRole([{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]), "grants get/list/watch on secrets"),
        "cluster-role-get-even-with-names": bad(
            clusterRole([{ apiGroups: [""], resources: ["secrets"], resourceNames: ["db"], verbs: ["get"] }]),
            "cluster-wide",
        ),
        "role-lists-secrets": bad(role([{ apiGroups: [""], resources: ["secrets"], verbs: ["list", "watch"] }]), "rules[0] grants list/watch on secrets"),
        "edit-bound-cluster-wide": bad(
            binding("ClusterRoleBinding", "edit", [{ kind: "Group", name: "developers" }]),
            'roleRef "edit" (the built-in ClusterRole, bound in every namespace) grants get/list/watch on secrets cluster-wide',
        ),
        "admin-bound-in-a-namespace-lists-its-secrets": bad(
            binding("RoleBinding", "admin", [{ kind: "Group", name: "team-a" }]),
            'roleRef "admin" (the built-in ClusterRole, bound in this namespace) grants get/list/watch on every Secret in the namespace',
        ),
        "aggregates-the-built-in-admin": bad(
            clusterRole([], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "rbac.authorization.k8s.io/aggregate-to-admin": "true" } }] } }),
            "copies the built-in edit, system:aggregate-to-admin) grants get/list/watch on secrets cluster-wide; select only labels of your own ClusterRoles",
        ),
        "role-patch-that-lists-secrets": bad(
            { type: `${RBAC}:RolePatch`, name: "reader-patch", props: { metadata: { name: "reader", namespace: "apps" }, rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }] } },
            "rules[0] grants list on secrets",
        ),
        "role-gets-every-secret": bad(role([{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }]), "rules[0].resourceNames"),
    },
};
