import { resourcePolicy } from "../../common/policy";
import { previewResource } from "../lib/preview";
import { grantOf, grantedVerbs } from "../lib/rbac";
import { RBAC_TYPES } from "../lib/rbac";

export default resourcePolicy({
    name: "rbac-no-service-account-token-create",
    types: RBAC_TYPES,
    description:
        "Roles, ClusterRoles and bindings of built-in roles must not let a subject mint tokens for service accounts " +
        "(create on serviceaccounts/token), except a Role for the accounts it names.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.1.12"], nist800190: ["4.3.1", "4.3.2"], nsaCisa: ["5"] },
    remediation:
        "Remove `create` on `serviceaccounts/token`: a token of a service account carries all of that account's rights. " +
        "A workload that must mint a token for one account gets a namespaced Role with `resourceNames` naming that account; " +
        "pods get their own token through a projected volume, which needs no RBAC.",
    validate: previewResource((preview, { type, props }, report) => {
        const grant = grantOf(type, props, preview);
        if (!grant) return;
        for (const rule of grant.rules) {
            if (grantedVerbs(rule, "", "serviceaccounts/token", ["create"]).length === 0) continue;
            if (grant.scope === "Role" && !rule.unrestrictedByName && !rule.fix) continue;
            const where = grant.scope === "ClusterRole" ? "for every service account in every namespace" : "for every service account in the namespace";
            report(
                `${rule.path} grants create on serviceaccounts/token, which mints tokens ${where}; ` +
                    (rule.fix ?? (grant.scope === "ClusterRole" ? "remove it" : `set ${rule.path}.resourceNames to the accounts it needs`)),
            );
        }
    }),
});
