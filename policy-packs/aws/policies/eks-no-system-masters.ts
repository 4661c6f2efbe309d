import { resourcePolicy } from "../../common/policy";
import { isUnknown, listOf, plain } from "../lib/values";

export default resourcePolicy({
    name: "eks-no-system-masters",
    types: ["aws:eks/accessEntry:AccessEntry"],
    description: "EKS access entries must not put principals in system:masters, which bypasses RBAC and cannot be revoked by it.",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.1.1", "4.1.7"], nist800190: ["4.3.1"], nsaCisa: ["5"] },
    remediation:
        "Remove `system:masters` from `kubernetesGroups`. Grant admin with an `aws.eks.AccessPolicyAssociation` " +
        "(AmazonEKSClusterAdminPolicy) to an MFA-gated role, or bind a narrower group with RBAC.",
    validate: ({ type, props }, report) => {
        if (type !== "aws:eks/accessEntry:AccessEntry") return;
        const groups = listOf(plain(props).kubernetesGroups);
        if (isUnknown(groups)) return;
        groups.forEach((g, i) => {
            if (typeof g === "string" && g === "system:masters") {
                report(`kubernetesGroups[${i}] is "system:masters": remove it and grant access through an access policy association`);
            }
        });
    },
});
