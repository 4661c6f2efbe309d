import { resourcePolicy } from "../../common/policy";
import { isUnknown, previewResource } from "../lib/preview";
import { mastersMappings } from "../lib/aws-auth";
import { rbacKindOf, subjectsOf } from "../lib/rbac";
import { RBAC_TYPES } from "../lib/rbac";
import { CONFIG_MAP_TYPES } from "../lib/aws-auth";

interface Config {
    readonly breakGlassGroups: readonly string[];
}

export default resourcePolicy<Config>({
    name: "rbac-cluster-admin-break-glass-only",
    types: [...RBAC_TYPES, ...CONFIG_MAP_TYPES],
    description:
        "Only the configured break-glass groups may be bound to cluster-admin, and no IAM identity may be mapped into " +
        "system:masters through the aws-auth ConfigMap.",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.1.1"], nist800190: ["4.3.1"], nsaCisa: ["5"] },
    remediation:
        "Bind the subject to a least-privilege Role or ClusterRole instead of `cluster-admin`. Emergency administration " +
        "goes through a break-glass group (config `breakGlassGroups`) whose membership is controlled and audited. In the " +
        "`aws-auth` ConfigMap, map the break-glass IAM role to that group, never to `system:masters`.",
    config: {
        breakGlassGroups: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: ["bulwark:break-glass-admins"],
            description: "Groups that may be bound to cluster-admin (as subjects of kind Group).",
        },
    },
    validate: previewResource<Config>((preview, { type, props, config }, report) => {
        const groups = config.breakGlassGroups ?? [];
        for (const m of mastersMappings(type, props, preview)) {
            report(
                `${m.field} maps ${m.arn ? `"${m.arn}"` : "an IAM identity"} into system:masters, which is cluster-admin that no RBAC ` +
                    `binding shows and none can revoke; map it to a break-glass group bound to cluster-admin (${groups.join(", ") || "none configured"})`,
            );
        }
        const kind = rbacKindOf(type);
        if (kind !== "RoleBinding" && kind !== "ClusterRoleBinding") return;
        const roleKind = preview.read(() => props.roleRef?.kind);
        const roleName = preview.read(() => props.roleRef?.name);
        if (isUnknown(roleKind) || isUnknown(roleName)) return;
        if (roleKind !== "ClusterRole" || roleName !== "cluster-admin") return;
        for (const s of subjectsOf(props, preview)) {
            if (s.kind === undefined || s.name === undefined) continue;
            if (s.kind === "Group" && groups.includes(s.name)) continue;
            report(
                `${s.path} (${s.kind} "${s.name}") must not be bound to cluster-admin; bind it to a least-privilege role ` +
                    `(break-glass groups allowed: ${groups.length > 0 ? groups.join(", ") : "none configured"})`,
            );
        }
    }),
});
