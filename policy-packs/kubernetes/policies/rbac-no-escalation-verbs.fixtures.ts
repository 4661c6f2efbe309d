import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { bad, clusterRole, ok, role } from "../lib/platform.fixtures";

const rbacGroup = "rbac.authorization.k8s.io";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "reads-roles": ok(clusterRole([{ apiGroups: [rbacGroup], resources: ["roles", "clusterroles"], verbs: ["get", "list"] }])),
        "wildcard-verbs-on-unrelated-resources": ok(role([{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["*"] }])),
        "verbs-unknown-at-preview": ok(clusterRole([{ apiGroups: [rbacGroup], resources: ["clusterroles"], verbs: UNKNOWN }])),
    },
    fail: {
        "bind": bad(clusterRole([{ apiGroups: [rbacGroup], resources: ["clusterroles"], verbs: ["bind"] }]), "rules[0] grants bind on clusterroles"),
        "escalate-in-role": bad(role([{ apiGroups: [rbacGroup], resources: ["roles"], verbs: ["escalate"] }]), "escalate on roles"),
        "impersonate-service-accounts": bad(
            clusterRole([{ apiGroups: [""], resources: ["serviceaccounts"], verbs: ["impersonate"] }]),
            "impersonate on serviceaccounts",
        ),
        "wildcard-verbs-on-roles": bad(clusterRole([{ apiGroups: [rbacGroup], resources: ["*"], verbs: ["*"] }]), "bind on roles"),
        "v1alpha1": bad(
            clusterRole([{ apiGroups: [""], resources: ["users", "groups"], verbs: ["impersonate"] }], {}, "v1alpha1"),
            "impersonate on users",
        ),
    },
};
