import { resourcePolicy } from "../../common/policy";
import { previewResource } from "../lib/preview";
import { type RuleView, grantOf, grantedVerbs } from "../lib/rbac";
import { RBAC_TYPES } from "../lib/rbac";

/** Rights that let a subject raise its own privileges, and why; `cluster` ones act on cluster-scoped objects, which a Role cannot grant. */
const TARGETS: readonly { group: string; resources: readonly string[]; verbs: readonly string[]; why: string; cluster?: boolean }[] = [
    { group: "rbac.authorization.k8s.io", resources: ["roles", "clusterroles"], verbs: ["bind", "escalate"], why: "grants rights the subject does not hold" },
    { group: "", resources: ["users", "groups", "serviceaccounts"], verbs: ["impersonate"], why: "acts as another identity" },
    { group: "authentication.k8s.io", resources: ["userextras/scopes", "uids"], verbs: ["impersonate"], why: "acts as another identity" },
    { group: "", resources: ["namespaces"], verbs: ["update", "patch"], why: "can relabel a namespace out of Pod Security enforcement" },
    {
        group: "certificates.k8s.io",
        resources: ["signers"],
        verbs: ["approve"],
        why: "approves client certificates for any user or group, system:masters included",
        cluster: true,
    },
];

/** A signer approval limited to non-Kubernetes signers (cert-manager's, say) cannot mint API client certificates. */
function approvesKubernetesSigners(rule: RuleView): boolean {
    return rule.unrestrictedByName || rule.resourceNames.some((n) => n === "*" || n.startsWith("kubernetes.io/"));
}

export default resourcePolicy({
    name: "rbac-no-escalation-verbs",
    types: RBAC_TYPES,
    description:
        "Roles, ClusterRoles and bindings of built-in roles must not grant rights that raise privileges: bind, escalate, impersonate, " +
        "changing namespaces (Pod Security labels) or approving certificates of the Kubernetes signers.",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.1.8"], nist800190: ["4.3.1"], nsaCisa: ["5"] },
    remediation:
        "Remove the `bind`, `escalate` and `impersonate` verbs (and `*` verbs on roles, clusterroles, users, groups and " +
        "serviceaccounts), `update`/`patch` on `namespaces`, and `approve` on `signers` (or limit it with `resourceNames` to " +
        "signers outside `kubernetes.io/`). Grant role management to a break-glass group through a reviewed ClusterRoleBinding instead.",
    validate: previewResource((preview, { type, props }, report) => {
        const grant = grantOf(type, props, preview);
        if (!grant) return;
        const byPath = new Map<string, { found: string[]; why: Set<string>; fix: string }>();
        for (const rule of grant.rules) {
            for (const t of TARGETS) {
                if (t.cluster && grant.scope === "Role") continue;
                if (t.resources.includes("signers") && !approvesKubernetesSigners(rule)) continue;
                for (const resource of t.resources) {
                    for (const verb of grantedVerbs(rule, t.group, resource, t.verbs)) {
                        const entry = byPath.get(rule.path) ?? { found: [], why: new Set<string>(), fix: rule.fix ?? `remove these verbs from ${rule.path}.verbs` };
                        if (!entry.found.includes(`${verb} on ${resource}`)) entry.found.push(`${verb} on ${resource}`);
                        entry.why.add(t.why);
                        byPath.set(rule.path, entry);
                    }
                }
            }
        }
        for (const [path, { found, why, fix }] of byPath) report(`${path} grants ${found.join(", ")}, which ${[...why].join("; ")}; ${fix}`);
    }),
});
