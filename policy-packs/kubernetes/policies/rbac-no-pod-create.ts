import { resourcePolicy } from "../../common/policy";
import { previewResource } from "../lib/preview";
import { grantedVerbs, hasOwnRules, rbacKindOf, rulesOf } from "../lib/rbac";

/** Creating a pod, or exec/attach into one, runs code with whatever the pod can reach. */
const POD_RESOURCES = ["pods", "pods/exec", "pods/attach"];

export default resourcePolicy({
    name: "rbac-no-pod-create",
    description: "ClusterRoles must not grant create on pods, pods/exec or pods/attach (cluster-wide code execution).",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.1.4"], nist800190: ["4.3.1"], nsaCisa: ["5"] },
    remediation:
        "Remove `create` on `pods`, `pods/exec` and `pods/attach` from the ClusterRole. Grant it in a namespaced Role " +
        "instead, bound in the one namespace that needs it; workload controllers (Deployments, Jobs) create pods themselves.",
    validate: previewResource((preview, { type, props }, report) => {
        // Namespaced Roles may create pods in their own namespace: that is how CI and operators work.
        if (rbacKindOf(type) !== "ClusterRole" || !hasOwnRules(props, preview)) return;
        for (const rule of rulesOf(props, preview)) {
            const granted = POD_RESOURCES.filter((r) => grantedVerbs(rule, "", r, ["create"]).length > 0);
            if (granted.length > 0) {
                report(`${rule.path} grants create on ${granted.join(", ")} cluster-wide; move it to a namespaced Role`);
            }
        }
    }),
});
