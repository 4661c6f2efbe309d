import { resourcePolicy } from "../../common/policy";
import { isUnknown, plain } from "../lib/values";

export default resourcePolicy({
    name: "kms-key-rotation",
    description: "Customer-managed KMS keys must rotate their key material automatically.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["5.3.1"], nist800190: ["4.3.2"], nsaCisa: ["4"] },
    remediation: "Set `enableKeyRotation: true` on the `aws.kms.Key` (and optionally `rotationPeriodInDays`).",
    validate: ({ type, props }, report) => {
        if (type !== "aws:kms/key:Key") return;
        const p = plain(props);
        // Asymmetric and HMAC keys cannot rotate; only symmetric encryption keys are in scope.
        const spec = p.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
        if (spec !== "SYMMETRIC_DEFAULT" || isUnknown(p.enableKeyRotation)) return;
        if (p.enableKeyRotation !== true) report("enableKeyRotation must be true");
    },
});
