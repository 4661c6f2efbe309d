import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { bad, clusterRole, ok, role } from "../lib/platform.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "cluster-role-reads-pods": ok(clusterRole([{ apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list", "watch"] }])),
        "namespaced-role-may-create-pods": ok(role([{ apiGroups: [""], resources: ["pods", "pods/exec"], verbs: ["create"] }])),
        "cluster-role-creates-deployments": ok(clusterRole([{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["create"] }])),
        "resources-unknown-at-preview": ok(clusterRole([{ apiGroups: [""], resources: UNKNOWN, verbs: ["create"] }])),
    },
    fail: {
        "create-pods": bad(clusterRole([{ apiGroups: [""], resources: ["pods"], verbs: ["create"] }]), "rules[0] grants create on pods cluster-wide"),
        "exec-into-pods": bad(clusterRole([{ apiGroups: [""], resources: ["pods/exec", "pods/attach"], verbs: ["create", "get"] }]), "pods/exec, pods/attach"),
        "subresource-wildcard": bad(clusterRole([{ apiGroups: [""], resources: ["pods/*"], verbs: ["create"] }]), "pods/exec"),
        "wildcard-verbs": bad(clusterRole([{ apiGroups: ["*"], resources: ["pods"], verbs: ["*"] }]), "create on pods"),
    },
};
