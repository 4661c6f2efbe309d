import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { RBAC, bad, binding, clusterRole, ok, role } from "../lib/platform.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "admin-bound-cluster-wide-has-no-node-access": ok(binding("ClusterRoleBinding", "admin", [{ kind: "Group", name: "ops" }])),
        "node-metrics": ok(clusterRole([{ apiGroups: [""], resources: ["nodes", "nodes/metrics", "nodes/stats"], verbs: ["get", "list"] }])),
        "proxy-in-another-group": ok(clusterRole([{ apiGroups: ["example.io"], resources: ["nodes/proxy"], verbs: ["get"] }])),
        "resources-unknown-at-preview": ok(clusterRole([{ apiGroups: [""], resources: [UNKNOWN], verbs: ["get"] }])),
    },
    fail: {
        "cluster-role-patch": bad(
            { type: `${RBAC}:ClusterRolePatch`, name: "metrics-patch", props: { metadata: { name: "metrics" }, rules: [{ apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get"] }] } },
            "rules[0] grants get on nodes/proxy",
        ),
        "nodes-proxy": bad(clusterRole([{ apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get"] }]), "rules[0] grants get on nodes/proxy"),
        "nodes-subresource-wildcard": bad(clusterRole([{ apiGroups: [""], resources: ["nodes/*"], verbs: ["create"] }]), "rules[0].resources"),
        "in-a-role": bad(role([{ apiGroups: [""], resources: ["nodes/proxy"], verbs: ["*"] }]), "on nodes/proxy"),
    },
};
