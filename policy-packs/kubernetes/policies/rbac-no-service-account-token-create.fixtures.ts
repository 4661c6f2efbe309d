import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { RBAC, bad, binding, clusterRole, ok, role } from "../lib/platform.fixtures";

const token = (extra: Record<string, unknown> = {}) => ({ apiGroups: [""], resources: ["serviceaccounts/token"], verbs: ["create"], ...extra });

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "reads-service-accounts": ok(clusterRole([{ apiGroups: [""], resources: ["serviceaccounts"], verbs: ["get", "list"] }])),
        "role-mints-for-the-account-it-names": ok(role([token({ resourceNames: ["deployer"] })])),
        "view-bound-cluster-wide": ok(binding("ClusterRoleBinding", "view", [{ kind: "Group", name: "auditors" }])),
        "resources-unknown-at-preview": ok(clusterRole([{ apiGroups: [""], resources: UNKNOWN, verbs: ["create"] }])),
    },
    fail: {
        "cluster-role": bad(clusterRole([token()]), "rules[0] grants create on serviceaccounts/token, which mints tokens for every service account in every namespace"),
        "role-for-every-account": bad(role([token()]), "rules[0].resourceNames"),
        "subresource-wildcard": bad(clusterRole([{ apiGroups: [""], resources: ["serviceaccounts/*"], verbs: ["create"] }]), "serviceaccounts/token"),
        "edit-bound-in-a-namespace": bad(binding("RoleBinding", "edit", [{ kind: "Group", name: "team-a" }]), 'instead of the built-in "edit"'),
        "cluster-role-patch": bad(
            { type: `${RBAC}:ClusterRolePatch`, name: "ci-patch", props: { metadata: { name: "ci" }, rules: [token()] } },
            "rules[0] grants create on serviceaccounts/token",
        ),
    },
};
