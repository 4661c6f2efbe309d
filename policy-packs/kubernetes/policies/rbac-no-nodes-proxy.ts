import { resourcePolicy } from "../../common/policy";
import { previewResource } from "../lib/preview";
import { grantOf, grantedVerbs } from "../lib/rbac";
import { RBAC_TYPES } from "../lib/rbac";

const ANY_VERB = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

export default resourcePolicy({
    name: "rbac-no-nodes-proxy",
    types: RBAC_TYPES,
    description: "Roles and ClusterRoles must not grant access to nodes/proxy, which reaches the kubelet API and bypasses audit and admission.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.1.10"], nist800190: ["4.3.5"], nsaCisa: ["5"] },
    remediation:
        "Remove `nodes/proxy` (and `nodes/*`) from the rule's resources. Monitoring agents should read metrics from " +
        "`nodes/metrics` and `nodes/stats` instead.",
    validate: previewResource((preview, { type, props }, report) => {
        for (const rule of grantOf(type, props, preview)?.rules ?? []) {
            const verbs = grantedVerbs(rule, "", "nodes/proxy", ANY_VERB);
            if (verbs.length > 0) {
                report(`${rule.path} grants ${verbs.join("/")} on nodes/proxy; ${rule.fix ?? `remove nodes/proxy from ${rule.path}.resources`}`);
            }
        }
    }),
});
