import { resourcePolicy } from "../../common/policy";
import { previewResource } from "../lib/preview";
import { grantOf, grantedVerbs } from "../lib/rbac";
import { RBAC_TYPES } from "../lib/rbac";

const GROUP = "admissionregistration.k8s.io";
/**
 * Admission webhooks see (and mutating ones rewrite) every object they match, Secrets included;
 * admission policies validate or mutate in the API server. Writing them, or deleting them, changes
 * what every request is checked against.
 */
const RESOURCES = [
    "mutatingwebhookconfigurations",
    "validatingwebhookconfigurations",
    "mutatingadmissionpolicies",
    "mutatingadmissionpolicybindings",
    "validatingadmissionpolicies",
    "validatingadmissionpolicybindings",
];
const WRITE = ["create", "update", "patch", "delete", "deletecollection"];

export default resourcePolicy({
    name: "rbac-no-webhook-configuration-writes",
    types: RBAC_TYPES,
    description: "ClusterRoles must not grant writes to admission webhook configurations or admission policies.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.1.11"], nist800190: ["4.3.1"], nsaCisa: ["5"] },
    remediation:
        "Remove create/update/patch/delete on mutating and validating webhook configurations and admission policies " +
        `(API group ${GROUP}). Install admission controllers through the platform's reviewed deployment; a controller ` +
        "that must patch its own configuration (a CA bundle) gets an exemption naming it.",
    validate: previewResource((preview, { type, props }, report) => {
        const grant = grantOf(type, props, preview);
        // These objects are cluster-scoped: a Role (or a RoleBinding) cannot grant them.
        if (grant?.scope !== "ClusterRole") return;
        for (const rule of grant.rules) {
            const found = RESOURCES.flatMap((r) => {
                const verbs = grantedVerbs(rule, GROUP, r, WRITE);
                return verbs.length > 0 ? [`${verbs.join("/")} on ${r}`] : [];
            });
            if (found.length === 0) continue;
            report(
                `${rule.path} grants ${found.join(", ")}, which intercepts or rewrites every request they match (Secrets included), ` +
                    `or switches admission checks off; ${rule.fix ?? `remove them from ${rule.path}`}`,
            );
        }
    }),
});
