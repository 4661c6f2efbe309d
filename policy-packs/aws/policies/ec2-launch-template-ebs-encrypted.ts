import { resourcePolicy } from "../../common/policy";
import { isTrue, isUnknown, listOf, plain } from "../lib/values";

export default resourcePolicy({
    name: "ec2-launch-template-ebs-encrypted",
    description: "Every EBS volume a launch template maps must be encrypted.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.5.5"], nsaCisa: ["4"] },
    remediation:
        'Set `ebs.encrypted: "true"` (and `ebs.kmsKeyId` to a customer-managed key) on every entry of `blockDeviceMappings`, ' +
        "or turn on EBS encryption by default for the account and region.",
    validate: ({ type, props }, report) => {
        if (type !== "aws:ec2/launchTemplate:LaunchTemplate") return;
        const mappings = listOf(plain(props).blockDeviceMappings);
        if (isUnknown(mappings)) return;
        mappings.forEach((m: any, i) => {
            if (isUnknown(m) || !m || isUnknown(m.ebs) || !m.ebs) return;
            if (isUnknown(m.ebs.encrypted)) return;
            if (!isTrue(m.ebs.encrypted)) {
                report(`blockDeviceMappings[${i}].ebs.encrypted must be "true" (device ${String(m.deviceName ?? "unnamed")})`);
            }
        });
    },
});
