import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { RBAC, bad, binding, ok } from "../lib/platform.fixtures";

const anonymous = { kind: "User", name: "system:anonymous", apiGroup: "rbac.authorization.k8s.io" };
const authenticated = { kind: "Group", name: "system:authenticated", apiGroup: "rbac.authorization.k8s.io" };

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "discovery-for-everyone": ok(binding("ClusterRoleBinding", "system:discovery", [authenticated, { kind: "Group", name: "system:unauthenticated" }])),
        "public-info-for-anonymous": ok(binding("ClusterRoleBinding", "system:public-info-viewer", [anonymous])),
        "named-group": ok(binding("ClusterRoleBinding", "view", [{ kind: "Group", name: "auditors" }])),
        "user-named-like-the-group": ok(binding("ClusterRoleBinding", "view", [{ kind: "User", name: "system:authenticated-auditor" }])),
        "role-unknown-at-preview": ok(binding("ClusterRoleBinding", UNKNOWN, [anonymous])),
        "patch-that-leaves-the-role-to-the-live-binding": ok({
            type: `${RBAC}:ClusterRoleBindingPatch`,
            name: "discovery-patch",
            props: { metadata: { name: "discovery" }, subjects: [authenticated] },
        }),
    },
    fail: {
        "view-for-every-authenticated-identity": bad(
            binding("ClusterRoleBinding", "view", [authenticated]),
            'subjects[0] (Group "system:authenticated") is every identity the cluster accepts',
        ),
        "anonymous-in-a-namespace": bad(binding("RoleBinding", "edit", [anonymous]), 'must not be bound to ClusterRole "edit"'),
        "unauthenticated-beside-a-named-group": bad(
            binding("ClusterRoleBinding", "reader", [{ kind: "Group", name: "auditors" }, { kind: "Group", name: "system:unauthenticated" }]),
            'subjects[1] (Group "system:unauthenticated") is every anonymous request',
        ),
        "binding-patch-to-a-custom-role": bad(
            {
                type: `${RBAC}:RoleBindingPatch`,
                name: "open-patch",
                props: { metadata: { name: "open", namespace: "apps" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" }, subjects: [anonymous] },
            },
            'must not be bound to Role "reader"',
        ),
    },
};
