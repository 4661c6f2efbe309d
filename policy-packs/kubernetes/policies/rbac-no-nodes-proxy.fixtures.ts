import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { bad, clusterRole, ok, role } from "../lib/platform.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "node-metrics": ok(clusterRole([{ apiGroups: [""], resources: ["nodes", "nodes/metrics", "nodes/stats"], verbs: ["get", "list"] }])),
        "proxy-in-another-group": ok(clusterRole([{ apiGroups: ["example.io"], resources: ["nodes/proxy"], verbs: ["get"] }])),
        "resources-unknown-at-preview": ok(clusterRole([{ apiGroups: [""], resources: [UNKNOWN], verbs: ["get"] }])),
    },
    fail: {
        "nodes-proxy": bad(clusterRole([{ apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get"] }]), "rules[0] grants get on nodes/proxy"),
        "nodes-subresource-wildcard": bad(clusterRole([{ apiGroups: [""], resources: ["nodes/*"], verbs: ["create"] }]), "rules[0].resources"),
        "in-a-role": bad(role([{ apiGroups: [""], resources: ["nodes/proxy"], verbs: ["*"] }]), "on nodes/proxy"),
    },
};
