import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { RBAC, bad, binding, ok } from "../lib/platform.fixtures";

const awsAuth = (mapRoles: string, type = "kubernetes:core/v1:ConfigMap") => ({
    type,
    name: "aws-auth",
    props: { metadata: { name: "aws-auth", namespace: "kube-system" }, data: { mapRoles } },
});
const nodeRole = "- rolearn: arn:aws:iam::123456789012:role/nodes\n  username: system:node:{{EC2PrivateDNSName}}\n  groups:\n    - system:bootstrappers\n    - system:nodes\n";
const breakGlass = { kind: "Group", name: "bulwark:break-glass-admins", apiGroup: "rbac.authorization.k8s.io" };

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "patch-that-sets-only-the-break-glass-group": ok({
            type: `${RBAC}:ClusterRoleBindingPatch`,
            name: "admins-patch",
            props: { metadata: { name: "admins" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" }, subjects: [breakGlass] },
        }),
        "default-break-glass-group": ok(binding("ClusterRoleBinding", "cluster-admin", [breakGlass])),
        "configured-break-glass-group": ok(binding("ClusterRoleBinding", "cluster-admin", [{ kind: "Group", name: "ops:oncall" }]), {
            breakGlassGroups: ["ops:oncall"],
        }),
        "aws-auth-maps-nodes-and-the-break-glass-group": ok(
            awsAuth(`${nodeRole}- rolearn: arn:aws:iam::123456789012:role/break-glass\n  username: admin\n  groups:\n    - bulwark:break-glass-admins\n`),
        ),
        "config-map-of-another-name": ok({ ...awsAuth("- rolearn: x\n  groups: [system:masters]\n"), props: { metadata: { name: "settings", namespace: "apps" }, data: { mapRoles: "system:masters" } } }),
        "other-role": ok(binding("ClusterRoleBinding", "view", [{ kind: "User", name: "alice" }])),
        "role-name-unknown-at-preview": ok(binding("ClusterRoleBinding", UNKNOWN, [{ kind: "User", name: "alice" }])),
        "subject-unknown-at-preview": ok(binding("ClusterRoleBinding", "cluster-admin", [breakGlass, { kind: "Group", name: UNKNOWN }])),
    },
    fail: {
        "patch-that-adds-a-user-to-cluster-admin": bad(
            {
                type: `${RBAC}:ClusterRoleBindingPatch`,
                name: "admins-patch",
                props: {
                    metadata: { name: "admins" },
                    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
                    subjects: [breakGlass, { kind: "User", name: "mallory" }],
                },
            },
            'subjects[1] (User "mallory") must not be bound to cluster-admin',
        ),
        "aws-auth-maps-a-role-into-system-masters": bad(
            awsAuth(`${nodeRole}- rolearn: arn:aws:iam::123456789012:role/ops\n  username: ops\n  groups:\n    - system:masters\n`),
            'data.mapRoles maps "arn:aws:iam::123456789012:role/ops" into system:masters',
        ),
        "aws-auth-patch-with-flow-style-groups": bad(
            awsAuth('- rolearn: "arn:aws:iam::123456789012:role/ci"\n  groups: ["system:masters"]\n', "kubernetes:core/v1:ConfigMapPatch"),
            '"arn:aws:iam::123456789012:role/ci" into system:masters',
        ),
        "user": bad(binding("ClusterRoleBinding", "cluster-admin", [{ kind: "User", name: "alice" }]), 'subjects[0] (User "alice") must not be bound to cluster-admin'),
        "service-account-beside-break-glass": bad(
            binding("ClusterRoleBinding", "cluster-admin", [breakGlass, { kind: "ServiceAccount", name: "ci", namespace: "ci" }]),
            'subjects[1] (ServiceAccount "ci")',
        ),
        "user-named-like-the-group": bad(
            binding("ClusterRoleBinding", "cluster-admin", [{ kind: "User", name: "bulwark:break-glass-admins" }]),
            "subjects[0]",
        ),
        "namespaced-binding-to-cluster-admin": bad(binding("RoleBinding", "cluster-admin", [{ kind: "Group", name: "devs" }]), 'Group "devs"'),
        "default-group-not-allowed-when-reconfigured": bad(binding("ClusterRoleBinding", "cluster-admin", [breakGlass]), "break-glass groups allowed: ops:oncall", {
            breakGlassGroups: ["ops:oncall"],
        }),
    },
};
