import { resourcePolicy } from "../../common/policy";
import { previewResource } from "../lib/preview";
import { rbacKindOf, subjectsOf } from "../lib/rbac";
import { RBAC_TYPES } from "../lib/rbac";

export default resourcePolicy({
    name: "rbac-no-default-service-account-bindings",
    types: RBAC_TYPES,
    description: "No RoleBinding or ClusterRoleBinding may grant anything to a namespace's default service account.",
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.1.5"], nist800190: ["4.3.2"], nsaCisa: ["5"] },
    remediation:
        "Create a dedicated ServiceAccount for the workload, set `serviceAccountName` on its pods, and bind that account " +
        "instead. Every pod that names no service account runs as `default`, so permissions given to it reach them all.",
    validate: previewResource((preview, { type, props }, report) => {
        const kind = rbacKindOf(type);
        if (kind !== "RoleBinding" && kind !== "ClusterRoleBinding") return;
        for (const s of subjectsOf(props, preview)) {
            if (s.name === undefined) continue;
            let why: string | undefined;
            if (s.kind === "ServiceAccount" && s.name === "default") {
                why = `is the default service account${s.namespace ? ` of namespace "${s.namespace}"` : ""}`;
            } else if (s.kind === "User" && /^system:serviceaccount:[^:]+:default$/.test(s.name)) {
                why = `("${s.name}") is a default service account`;
            } else if (s.kind === "Group" && /^system:serviceaccounts(:[^:]+)?$/.test(s.name)) {
                why = `("${s.name}") includes every default service account it covers`;
            }
            if (why) report(`${s.path} ${why}; bind a dedicated ServiceAccount instead`);
        }
    }),
});
