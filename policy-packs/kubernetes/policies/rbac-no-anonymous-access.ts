import { resourcePolicy } from "../../common/policy";
import { isUnknown, previewResource } from "../lib/preview";
import { rbacKindOf, subjectsOf } from "../lib/rbac";
import { RBAC_TYPES } from "../lib/rbac";

/** Subjects that stand for everyone: every anonymous request, or every identity the cluster accepts. */
const EVERYONE: readonly { readonly kind: string; readonly name: string; readonly who: string }[] = [
    { kind: "User", name: "system:anonymous", who: "every anonymous request" },
    { kind: "Group", name: "system:unauthenticated", who: "every anonymous request" },
    { kind: "Group", name: "system:authenticated", who: "every identity the cluster accepts (any IAM principal that can get a token)" },
];
/** What the API server itself grants them: discovery, self reviews and version/health information. */
const DISCOVERY = ["system:discovery", "system:basic-user", "system:public-info-viewer"];

export default resourcePolicy({
    name: "rbac-no-anonymous-access",
    types: RBAC_TYPES,
    description:
        "No RoleBinding or ClusterRoleBinding may give system:anonymous, system:unauthenticated or system:authenticated more " +
        "than discovery (system:discovery, system:basic-user, system:public-info-viewer).",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.3.2", "4.3.1"], nsaCisa: ["5"] },
    remediation:
        "Remove the subject from the binding and bind the users or groups that need the role by name. Anonymous and " +
        "all-authenticated subjects only ever need the discovery roles the API server already binds to them.",
    validate: previewResource((preview, { type, props }, report) => {
        const kind = rbacKindOf(type);
        if (kind !== "RoleBinding" && kind !== "ClusterRoleBinding") return;
        const roleKind = preview.read(() => props.roleRef?.kind);
        const roleName = preview.read(() => props.roleRef?.name);
        // A patch without roleRef leaves the (immutable) role of the live binding; only its subjects are new.
        if (isUnknown(roleKind) || isUnknown(roleName) || roleName === undefined) return;
        if (roleKind === "ClusterRole" && typeof roleName === "string" && DISCOVERY.includes(roleName)) return;
        for (const s of subjectsOf(props, preview)) {
            const everyone = EVERYONE.find((e) => e.kind === s.kind && e.name === s.name);
            if (!everyone) continue;
            report(
                `${s.path} (${s.kind} "${s.name}") is ${everyone.who}, and must not be bound to ${String(roleKind)} "${String(roleName)}" ` +
                    `(only ${DISCOVERY.join(", ")}); bind named users or groups instead`,
            );
        }
    }),
});
