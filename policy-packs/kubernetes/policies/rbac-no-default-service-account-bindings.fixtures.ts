import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { RBAC, bad, binding, ok } from "../lib/platform.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "dedicated-service-account": ok(binding("RoleBinding", "view", [{ kind: "ServiceAccount", name: "web", namespace: "apps" }])),
        "user-named-default": ok(binding("RoleBinding", "view", [{ kind: "User", name: "default" }])),
        "subject-name-unknown-at-preview": ok(binding("RoleBinding", "view", [{ kind: "ServiceAccount", name: UNKNOWN, namespace: "apps" }])),
    },
    fail: {
        "role-binding-patch-to-the-default-account": bad(
            {
                type: `${RBAC}:RoleBindingPatch`,
                name: "binding-patch",
                props: { metadata: { name: "binding", namespace: "apps" }, subjects: [{ kind: "ServiceAccount", name: "default", namespace: "apps" }] },
            },
            'subjects[0] is the default service account of namespace "apps"',
        ),
        "default-service-account": bad(
            binding("RoleBinding", "view", [{ kind: "ServiceAccount", name: "default", namespace: "apps" }]),
            'subjects[0] is the default service account of namespace "apps"',
        ),
        "default-service-account-as-user": bad(
            binding("ClusterRoleBinding", "view", [{ kind: "User", name: "system:serviceaccount:kube-system:default" }]),
            "subjects[0]",
        ),
        "all-service-accounts-group": bad(binding("ClusterRoleBinding", "view", [{ kind: "Group", name: "system:serviceaccounts" }]), "every default service account"),
        "namespace-service-accounts-group": bad(
            binding("RoleBinding", "edit", [{ kind: "Group", name: "system:serviceaccounts:apps" }]),
            'subjects[0] ("system:serviceaccounts:apps")',
        ),
    },
};
