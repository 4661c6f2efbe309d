import { resourcePolicy } from "../../common/policy";
import { isUnknown, plain } from "../lib/values";

export default resourcePolicy({
    name: "eks-access-api-mode",
    types: ["aws:eks/cluster:Cluster"],
    description: "EKS clusters must use access entries (authentication mode API) and give the creator no standing admin.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.1.7", "5.5.1"], nist800190: ["4.3.1"], nsaCisa: ["5"] },
    remediation:
        'Set `accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false }` and grant access ' +
        "with `aws.eks.AccessEntry` and `aws.eks.AccessPolicyAssociation` to MFA-protected roles.",
    validate: ({ type, props }, report) => {
        if (type !== "aws:eks/cluster:Cluster") return;
        const access = plain(props).accessConfig ?? {};
        if (isUnknown(access)) return;
        const mode = access.authenticationMode;
        if (!isUnknown(mode) && mode !== "API") {
            report(
                `accessConfig.authenticationMode is ${mode === undefined ? "unset" : `"${String(mode)}"`}: set it to "API" ` +
                    "(the aws-auth ConfigMap is unaudited, and editable by anyone who can edit kube-system)",
            );
        }
        // Unset means true: the creating identity becomes a hidden cluster admin.
        const bootstrap = access.bootstrapClusterCreatorAdminPermissions;
        if (!isUnknown(bootstrap) && bootstrap !== false) {
            report("accessConfig.bootstrapClusterCreatorAdminPermissions must be false (grant admins through access entries instead)");
        }
    },
});
