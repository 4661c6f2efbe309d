import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { RBAC, bad, binding, clusterRole, ok, role } from "../lib/platform.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "claims-storage": ok(clusterRole([{ apiGroups: [""], resources: ["persistentvolumeclaims"], verbs: ["create", "get"] }])),
        "reads-volumes": ok(clusterRole([{ apiGroups: [""], resources: ["persistentvolumes"], verbs: ["get", "list", "watch"] }])),
        "role-cannot-grant-cluster-scoped-objects": ok(role([{ apiGroups: [""], resources: ["persistentvolumes"], verbs: ["create"] }])),
        "view-bound-cluster-wide": ok(binding("ClusterRoleBinding", "view", [{ kind: "Group", name: "auditors" }])),
        "verbs-unknown-at-preview": ok(clusterRole([{ apiGroups: [""], resources: ["persistentvolumes"], verbs: UNKNOWN }])),
    },
    fail: {
        "creates-volumes": bad(
            clusterRole([{ apiGroups: [""], resources: ["persistentvolumes"], verbs: ["create", "delete"] }]),
            "rules[0] grants create on persistentvolumes, which can mount any node path",
        ),
        "wildcard-resources": bad(clusterRole([{ apiGroups: [""], resources: ["*"], verbs: ["create"] }]), "create on persistentvolumes"),
        "cluster-role-patch": bad(
            { type: `${RBAC}:ClusterRolePatch`, name: "storage-patch", props: { metadata: { name: "storage" }, rules: [{ apiGroups: [""], resources: ["persistentvolumes"], verbs: ["create"] }] } },
            "rules[0] grants create on persistentvolumes",
        ),
    },
};
