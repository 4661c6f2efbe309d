import { resourcePolicy } from "../../common/policy";
import { isUnknown, listOf, plain } from "../lib/values";

const KMS = ["KMS", "KMS_DSSE"];

export default resourcePolicy({
    name: "ecr-kms-encryption",
    types: ["aws:ecr/repository:Repository"],
    description: "ECR repositories must encrypt images with KMS.",
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.2.3"], nsaCisa: ["4"] },
    remediation:
        'Set `encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key.arn }]` (encryption is chosen at creation: ' +
        "a change replaces the repository).",
    validate: ({ type, props }, report) => {
        if (type !== "aws:ecr/repository:Repository") return;
        const configs = listOf(plain(props).encryptionConfigurations);
        if (isUnknown(configs)) return;
        const first: any = configs[0];
        if (isUnknown(first) || isUnknown(first?.encryptionType)) return;
        if (!first || !KMS.includes(first.encryptionType)) {
            const now = first?.encryptionType === undefined ? "unset (AES256)" : `"${String(first.encryptionType)}"`;
            report(`encryptionConfigurations[0].encryptionType is ${now}: set it to "KMS" with kmsKey a customer-managed key`);
        }
    },
});
