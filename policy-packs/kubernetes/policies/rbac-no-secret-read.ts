import { resourcePolicy } from "../../common/policy";
import { previewResource } from "../lib/preview";
import { grantOf, grantedVerbs } from "../lib/rbac";
import { RBAC_TYPES } from "../lib/rbac";

const READ = ["get", "list", "watch"];

export default resourcePolicy({
    name: "rbac-no-secret-read",
    types: RBAC_TYPES,
    description:
        "No ClusterRole (or cluster-wide binding of a built-in role) may read Secrets; a Role may only get Secrets it names in " +
        "resourceNames, never list or watch them.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.1.2"], nist800190: ["4.3.2"], nsaCisa: ["5"] },
    remediation:
        "Remove get/list/watch on `secrets` from ClusterRoles (a ClusterRoleBinding would grant it in every namespace). " +
        "In a namespaced Role, grant only `get` with `resourceNames` listing the Secrets the workload needs: `list` and " +
        "`watch` return the contents of every Secret in the namespace. The built-in `admin` and `edit` roles read every " +
        "Secret: bind them in a namespace only with an exemption, never cluster-wide, and do not aggregate their labels.",
    validate: previewResource((preview, { type, props }, report) => {
        const grant = grantOf(type, props, preview);
        if (!grant) return;
        for (const rule of grant.rules) {
            const verbs = grantedVerbs(rule, "", "secrets", READ);
            if (verbs.length === 0) continue;
            if (grant.scope === "ClusterRole") {
                report(
                    `${rule.path} grants ${verbs.join("/")} on secrets cluster-wide; ` +
                        (rule.fix ?? "remove it, or move it to a namespaced Role with resourceNames"),
                );
                continue;
            }
            if (rule.fix) {
                report(`${rule.path} grants ${verbs.join("/")} on every Secret in the namespace; ${rule.fix}`);
                continue;
            }
            const bulk = verbs.filter((v) => v !== "get");
            if (bulk.length > 0) {
                report(
                    `${rule.path} grants ${bulk.join("/")} on secrets, which reads every Secret in the namespace; grant get with resourceNames`,
                );
            }
            if (verbs.includes("get") && rule.unrestrictedByName) {
                report(`${rule.path} grants get on every Secret in the namespace; set ${rule.path}.resourceNames to the Secrets it needs`);
            }
        }
    }),
});
