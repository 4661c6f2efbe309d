import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { RBAC, bad, clusterRole, ok, role } from "../lib/platform.fixtures";

const group = "admissionregistration.k8s.io";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "reads-webhook-configurations": ok(clusterRole([{ apiGroups: [group], resources: ["validatingwebhookconfigurations"], verbs: ["get", "list", "watch"] }])),
        "role-cannot-grant-cluster-scoped-objects": ok(role([{ apiGroups: [group], resources: ["mutatingwebhookconfigurations"], verbs: ["create"] }])),
        "verbs-unknown-at-preview": ok(clusterRole([{ apiGroups: [group], resources: ["mutatingwebhookconfigurations"], verbs: UNKNOWN }])),
    },
    fail: {
        "creates-mutating-webhooks": bad(
            clusterRole([{ apiGroups: [group], resources: ["mutatingwebhookconfigurations"], verbs: ["create", "get"] }]),
            "rules[0] grants create on mutatingwebhookconfigurations, which intercepts or rewrites every request",
        ),
        "deletes-validating-webhooks": bad(
            clusterRole([{ apiGroups: [group], resources: ["validatingwebhookconfigurations"], verbs: ["delete"] }]),
            "delete on validatingwebhookconfigurations",
        ),
        "writes-admission-policies": bad(
            clusterRole([{ apiGroups: [group], resources: ["validatingadmissionpolicybindings"], verbs: ["patch"] }]),
            "patch on validatingadmissionpolicybindings",
        ),
        "wildcard-resources-in-the-group": bad(clusterRole([{ apiGroups: [group], resources: ["*"], verbs: ["update"] }]), "update on mutatingwebhookconfigurations"),
        "cluster-role-patch": bad(
            { type: `${RBAC}:ClusterRolePatch`, name: "ops-patch", props: { metadata: { name: "ops" }, rules: [{ apiGroups: [group], resources: ["mutatingwebhookconfigurations"], verbs: ["update"] }] } },
            "update on mutatingwebhookconfigurations",
        ),
    },
};
