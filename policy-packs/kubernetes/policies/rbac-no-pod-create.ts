import { resourcePolicy } from "../../common/policy";
import { previewResource } from "../lib/preview";
import { grantOf, grantedVerbs } from "../lib/rbac";
import { RBAC_TYPES } from "../lib/rbac";

/**
 * Rights that run code of the subject's choosing in a pod: creating one, exec/attach into one, adding
 * an ephemeral container, and creating or changing any controller that creates pods from a template
 * (a new template rolls out new pods). `get` on exec/attach counts: API servers before 1.35 authorize
 * a WebSocket exec as get. A pod may mount any Secret and use any service account of its
 * namespace, so each is pod creation with everything the namespace holds.
 */
const POD_RIGHTS: readonly { readonly group: string; readonly resource: string; readonly verbs: readonly string[] }[] = [
    { group: "", resource: "pods", verbs: ["create"] },
    // Before Kubernetes 1.35 (AuthorizePodWebsocketUpgradeCreatePermission) a WebSocket exec or attach needs only get.
    { group: "", resource: "pods/exec", verbs: ["create", "get"] },
    { group: "", resource: "pods/attach", verbs: ["create", "get"] },
    { group: "", resource: "pods/ephemeralcontainers", verbs: ["update", "patch"] },
    { group: "", resource: "replicationcontrollers", verbs: ["create", "update", "patch"] },
    ...["deployments", "replicasets", "statefulsets", "daemonsets"].flatMap((resource) => [
        { group: "apps", resource, verbs: ["create", "update", "patch"] },
        { group: "extensions", resource, verbs: ["create", "update", "patch"] },
    ]),
    { group: "batch", resource: "jobs", verbs: ["create", "update", "patch"] },
    { group: "batch", resource: "cronjobs", verbs: ["create", "update", "patch"] },
];

export default resourcePolicy({
    name: "rbac-no-pod-create",
    types: RBAC_TYPES,
    description:
        "ClusterRoles (and cluster-wide bindings of built-in roles) must not grant pod creation: create on pods, exec/attach, " +
        "ephemeral containers, or creating or changing workload controllers, which create pods.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.1.4"], nist800190: ["4.3.1"], nsaCisa: ["5"] },
    remediation:
        "Remove `create` on `pods`, `create` and `get` on `pods/exec` and `pods/attach` (a WebSocket exec needs only `get` " +
        "before Kubernetes 1.35), `update`/`patch` on `pods/ephemeralcontainers`, and " +
        "`create`/`update`/`patch` on deployments, replicasets, statefulsets, daemonsets, jobs, cronjobs and " +
        "replicationcontrollers from the ClusterRole. Grant them in a namespaced Role instead, bound in the one namespace " +
        "that deploys there; never bind the built-in `admin` or `edit` cluster-wide.",
    validate: previewResource((preview, { type, props }, report) => {
        const grant = grantOf(type, props, preview);
        // Namespaced Roles may create pods in their own namespace: that is how CI and operators work.
        if (grant?.scope !== "ClusterRole") return;
        // The rules of a built-in role share one path: one message per path, verbs merged per resource.
        const byPath = new Map<string, { granted: Map<string, Set<string>>; fix?: string }>();
        for (const rule of grant.rules) {
            for (const right of POD_RIGHTS) {
                const verbs = grantedVerbs(rule, right.group, right.resource, right.verbs);
                if (verbs.length === 0) continue;
                const entry = byPath.get(rule.path) ?? { granted: new Map<string, Set<string>>(), fix: rule.fix };
                const label = `${right.resource}${right.group ? ` (${right.group})` : ""}`;
                const known = entry.granted.get(label) ?? new Set<string>();
                for (const v of verbs) known.add(v);
                entry.granted.set(label, known);
                byPath.set(rule.path, entry);
            }
        }
        for (const [path, { granted, fix }] of byPath) {
            // In the order of POD_RIGHTS and of their verbs, whatever the order of the rules.
            const rights = POD_RIGHTS.flatMap((right) => {
                const label = `${right.resource}${right.group ? ` (${right.group})` : ""}`;
                const verbs = granted.get(label);
                return verbs ? [`${right.verbs.filter((v) => verbs.has(v)).join("/")} on ${label}`] : [];
            });
            report(
                `${path} grants ${rights.join(", ")} cluster-wide, which creates pods (and through them reads any Secret); ` +
                    (fix ?? "move it to a namespaced Role"),
            );
        }
    }),
});
