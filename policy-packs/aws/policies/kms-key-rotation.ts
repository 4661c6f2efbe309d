import { resourcePolicy } from "../../common/policy";
import { isUnknown, plain } from "../lib/values";

export default resourcePolicy({
    name: "kms-key-rotation",
    types: ["aws:kms/key:Key"],
    description: "Customer-managed KMS keys that AWS can rotate (symmetric, AWS-held material) must rotate automatically.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["5.3.1"], nist800190: ["4.3.2"], nsaCisa: ["4"] },
    remediation:
        "Set `enableKeyRotation: true` on the `aws.kms.Key` (and optionally `rotationPeriodInDays`). Asymmetric, HMAC, " +
        "custom-key-store and imported keys cannot rotate automatically and are not judged: rotate them by creating a new key.",
    validate: ({ type, props }, report) => {
        if (type !== "aws:kms/key:Key") return;
        const p = plain(props);
        // AWS rotates only symmetric encryption keys whose material it generated and holds itself:
        // asymmetric and HMAC keys, and keys in a custom key store (CloudHSM or external), cannot
        // rotate automatically, so rotation cannot be required of them. Imported key material is an
        // aws.kms.ExternalKey, which has no rotation setting and is not this policy's type.
        const spec = p.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
        const usage = p.keyUsage ?? "ENCRYPT_DECRYPT";
        if (isUnknown(spec) || isUnknown(usage) || isUnknown(p.customKeyStoreId)) return;
        if (spec !== "SYMMETRIC_DEFAULT" || usage !== "ENCRYPT_DECRYPT" || (p.customKeyStoreId !== undefined && p.customKeyStoreId !== "")) return;
        if (isUnknown(p.enableKeyRotation)) return;
        if (p.enableKeyRotation !== true) report("enableKeyRotation must be true (a symmetric key whose material AWS holds can rotate automatically)");
    },
});
