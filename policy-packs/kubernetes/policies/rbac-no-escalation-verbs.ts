import { resourcePolicy } from "../../common/policy";
import { previewResource } from "../lib/preview";
import { grantedVerbs, hasOwnRules, isRoleKind, rbacKindOf, rulesOf } from "../lib/rbac";

/** What bind, escalate and impersonate act on: granting them lets a subject raise its own privileges. */
const TARGETS: readonly { group: string; resources: readonly string[]; verbs: readonly string[] }[] = [
    { group: "rbac.authorization.k8s.io", resources: ["roles", "clusterroles"], verbs: ["bind", "escalate"] },
    { group: "", resources: ["users", "groups", "serviceaccounts"], verbs: ["impersonate"] },
    { group: "authentication.k8s.io", resources: ["userextras/scopes", "uids"], verbs: ["impersonate"] },
];

export default resourcePolicy({
    name: "rbac-no-escalation-verbs",
    description: "Roles and ClusterRoles must not grant bind, escalate or impersonate, which let a subject raise its own privileges.",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.1.8"], nist800190: ["4.3.1"], nsaCisa: ["5"] },
    remediation:
        "Remove the `bind`, `escalate` and `impersonate` verbs (and `*` verbs on roles, clusterroles, users, groups and " +
        "serviceaccounts). Grant role management to a break-glass group through a reviewed ClusterRoleBinding instead.",
    validate: previewResource((preview, { type, props }, report) => {
        if (!isRoleKind(rbacKindOf(type)) || !hasOwnRules(props, preview)) return;
        for (const rule of rulesOf(props, preview)) {
            const found = new Set<string>();
            for (const t of TARGETS) {
                for (const resource of t.resources) {
                    for (const verb of grantedVerbs(rule, t.group, resource, t.verbs)) found.add(`${verb} on ${resource}`);
                }
            }
            if (found.size > 0) report(`${rule.path} grants ${[...found].join(", ")}; remove these verbs from ${rule.path}.verbs`);
        }
    }),
});
