import { resourcePolicy } from "../../common/policy";
import { isUnknown, plain } from "../lib/values";

export default resourcePolicy({
    name: "ebs-volume-encrypted",
    description: "EBS volumes must be encrypted at rest.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.5.5"], nsaCisa: ["4"] },
    remediation: "Set `encrypted: true` and `kmsKeyId` to a customer-managed KMS key on the `aws.ebs.Volume`.",
    validate: ({ type, props }, report) => {
        if (type !== "aws:ebs/volume:Volume") return;
        const encrypted = plain(props).encrypted;
        if (!isUnknown(encrypted) && encrypted !== true) report("encrypted must be true (and kmsKeyId set to a customer-managed key)");
    },
});
