import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { bad, clusterRole, ok, role } from "../lib/platform.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "role-gets-named-secrets": ok(role([{ apiGroups: [""], resources: ["secrets"], resourceNames: ["db"], verbs: ["get"] }])),
        "cluster-role-reads-config-maps": ok(clusterRole([{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }])),
        "cluster-role-creates-secrets-only": ok(clusterRole([{ apiGroups: [""], resources: ["secrets"], verbs: ["create"] }])),
        "secrets-in-another-api-group": ok(clusterRole([{ apiGroups: ["example.io"], resources: ["secrets"], verbs: ["get"] }])),
        "aggregated-role-rules-are-controller-written": ok(
            clusterRole([{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }], {
                aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: "b" } }] },
            }),
        ),
        "resource-names-unknown-at-preview": ok(role([{ apiGroups: [""], resources: ["secrets"], resourceNames: UNKNOWN, verbs: ["get"] }])),
    },
    fail: {
        "cluster-role-get": bad(
            clusterRole([{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }]),
            "rules[0] grants get on secrets cluster-wide",
        ),
        "cluster-role-wildcard": bad(clusterRole([{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]), "grants get/list/watch on secrets"),
        "cluster-role-get-even-with-names": bad(
            clusterRole([{ apiGroups: [""], resources: ["secrets"], resourceNames: ["db"], verbs: ["get"] }]),
            "cluster-wide",
        ),
        "role-lists-secrets": bad(role([{ apiGroups: [""], resources: ["secrets"], verbs: ["list", "watch"] }]), "rules[0] grants list/watch on secrets"),
        "role-gets-every-secret": bad(role([{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }]), "rules[0].resourceNames"),
    },
};
