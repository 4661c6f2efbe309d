import { resourcePolicy } from "../../common/policy";
import { isUnknown, listOf, plain } from "../lib/values";

export default resourcePolicy({
    name: "eks-secrets-encryption",
    types: ["aws:eks/cluster:Cluster"],
    description: "EKS clusters must envelope-encrypt Kubernetes Secrets with a customer-managed KMS key.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["5.3.1"], nist800190: ["4.3.2"], nsaCisa: ["4"] },
    remediation:
        'Set `encryptionConfig: { resources: ["secrets"], provider: { keyArn: key.arn } }` on the cluster, with a ' +
        "customer-managed `aws.kms.Key` that has rotation on.",
    validate: ({ type, props }, report) => {
        if (type !== "aws:eks/cluster:Cluster") return;
        const enc = plain(props).encryptionConfig;
        if (isUnknown(enc)) return;
        if (!enc) {
            report('encryptionConfig is unset: set resources ["secrets"] and provider.keyArn to a customer-managed KMS key');
            return;
        }
        const resources = listOf(enc.resources);
        if (!isUnknown(resources) && !resources.some(isUnknown) && !resources.includes("secrets")) {
            report('encryptionConfig.resources must include "secrets"');
        }
        const keyArn = enc.provider?.keyArn;
        if (!isUnknown(enc.provider) && !isUnknown(keyArn) && (typeof keyArn !== "string" || keyArn.trim() === "")) {
            report("encryptionConfig.provider.keyArn must name a customer-managed KMS key");
        }
    },
});
