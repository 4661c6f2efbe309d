import { resourcePolicy } from "../../common/policy";
import { isUnknown, previewResource } from "../lib/preview";
import { rbacKindOf, subjectsOf } from "../lib/rbac";

interface Config {
    readonly breakGlassGroups: readonly string[];
}

export default resourcePolicy<Config>({
    name: "rbac-cluster-admin-break-glass-only",
    description: "Only the configured break-glass groups may be bound to cluster-admin.",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.1.1"], nist800190: ["4.3.1"], nsaCisa: ["5"] },
    remediation:
        "Bind the subject to a least-privilege Role or ClusterRole instead of `cluster-admin`. Emergency administration " +
        "goes through a break-glass group (config `breakGlassGroups`) whose membership is controlled and audited.",
    config: {
        breakGlassGroups: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: ["bulwark:break-glass-admins"],
            description: "Groups that may be bound to cluster-admin (as subjects of kind Group).",
        },
    },
    validate: previewResource<Config>((preview, { type, props, config }, report) => {
        const kind = rbacKindOf(type);
        if (kind !== "RoleBinding" && kind !== "ClusterRoleBinding") return;
        const roleKind = preview.read(() => props.roleRef?.kind);
        const roleName = preview.read(() => props.roleRef?.name);
        if (isUnknown(roleKind) || isUnknown(roleName)) return;
        if (roleKind !== "ClusterRole" || roleName !== "cluster-admin") return;
        const groups = config.breakGlassGroups ?? [];
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
