import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { RBAC, bad, clusterRole, ok, role } from "../lib/platform.fixtures";

const reader = { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list"] };

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "exact-rules": ok(clusterRole([reader])),
        "non-resource-url-prefix": ok(clusterRole([{ nonResourceURLs: ["/healthz/*"], verbs: ["get"] }])),
        "aggregated-with-labels": ok(
            clusterRole([], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "acme.io/aggregate-to-reader": "true" } }] } }),
        ),
        "aggregates-the-built-in-edit-label-without-wildcards": ok(
            clusterRole([], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "rbac.authorization.k8s.io/aggregate-to-edit": "true" } }] } }),
        ),
        "verbs-unknown-at-preview": ok(role([{ ...reader, verbs: UNKNOWN }])),
    },
    fail: {
        "wildcard-verbs": bad(role([{ ...reader, verbs: ["*"] }]), 'rules[0].verbs must not contain "*"'),
        "wildcard-everything": bad(
            clusterRole([reader, { apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]),
            "rules[1].verbs, rules[1].apiGroups, rules[1].resources",
        ),
        "subresource-wildcard": bad(clusterRole([{ apiGroups: [""], resources: ["pods/*"], verbs: ["get"] }]), "rules[0].resources"),
        "non-resource-url-wildcard": bad(clusterRole([{ nonResourceURLs: ["*"], verbs: ["get"] }]), "rules[0].nonResourceURLs"),
        "v1beta1-cluster-role": bad(clusterRole([{ ...reader, apiGroups: ["*"] }], {}, "v1beta1"), "rules[0].apiGroups"),
        "aggregation-selects-every-cluster-role": bad(
            clusterRole([], { aggregationRule: { clusterRoleSelectors: [{}] } }),
            "aggregationRule.clusterRoleSelectors[0] is empty",
        ),
        "aggregation-selects-the-built-in-roles-label": bad(
            clusterRole([], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { "kubernetes.io/bootstrapping": "rbac-defaults" } }] } }),
            "aggregationRule.clusterRoleSelectors[0] selects the built-in cluster-admin",
        ),
        "role-patch-with-wildcard-verbs": bad(
            { type: `${RBAC}:RolePatch`, name: "reader-patch", props: { metadata: { name: "reader", namespace: "apps" }, rules: [{ ...reader, verbs: ["*"] }] } },
            'rules[0].verbs must not contain "*"',
        ),
        "known-wildcard-beside-unknown-element": bad(role([{ ...reader, verbs: [UNKNOWN, "*"] }]), "rules[0].verbs"),
    },
};
