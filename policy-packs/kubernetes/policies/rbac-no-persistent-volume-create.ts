import { resourcePolicy } from "../../common/policy";
import { previewResource } from "../lib/preview";
import { grantOf, grantedVerbs } from "../lib/rbac";
import { RBAC_TYPES } from "../lib/rbac";

export default resourcePolicy({
    name: "rbac-no-persistent-volume-create",
    types: RBAC_TYPES,
    description:
        "ClusterRoles must not grant create on PersistentVolumes: a hostPath or local volume mounts the node's filesystem into any " +
        "pod that claims it, which Pod Security forbids pods to do themselves.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.1.9"], nist800190: ["4.3.1", "4.5.5"], nsaCisa: ["5"] },
    remediation:
        "Remove `create` on `persistentvolumes` and let workloads claim storage through PersistentVolumeClaims and a " +
        "StorageClass (dynamic provisioning). A CSI provisioner that must create volumes gets an exemption naming its ClusterRole.",
    validate: previewResource((preview, { type, props }, report) => {
        const grant = grantOf(type, props, preview);
        // PersistentVolumes are cluster-scoped: a Role (or a RoleBinding) cannot grant them.
        if (grant?.scope !== "ClusterRole") return;
        for (const rule of grant.rules) {
            if (grantedVerbs(rule, "", "persistentvolumes", ["create"]).length === 0) continue;
            report(
                `${rule.path} grants create on persistentvolumes, which can mount any node path (hostPath, local) into a claiming pod; ` +
                    (rule.fix ?? `remove it from ${rule.path} and provision through a StorageClass`),
            );
        }
    }),
});
