import { resourcePolicy } from "../../common/policy";
import { ebsEncryptionByDefaultSchema, unencrypted, unencryptedHint } from "../lib/ebs";
import { isUnknown, listOf, plain } from "../lib/values";

interface Config {
    readonly ebsEncryptionByDefault: boolean;
}

export default resourcePolicy<Config>({
    name: "ec2-launch-template-ebs-encrypted",
    types: ["aws:ec2/launchTemplate:LaunchTemplate"],
    description: "Every EBS volume a launch template maps, the root volume included, must be encrypted.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.5.5"], nsaCisa: ["4"] },
    remediation:
        'Set `ebs.encrypted: "true"` (and `ebs.kmsKeyId` to a customer-managed key) on every entry of `blockDeviceMappings`, ' +
        "the root device's included, or turn on EBS encryption by default for the account (`aws.ebs.EncryptionByDefault`) " +
        "and set the `ebsEncryptionByDefault` setting.",
    config: { ebsEncryptionByDefault: ebsEncryptionByDefaultSchema },
    validate: ({ type, props, config }, report) => {
        if (type !== "aws:ec2/launchTemplate:LaunchTemplate") return;
        const mappings = listOf(plain(props).blockDeviceMappings);
        if (isUnknown(mappings)) return;
        // Without mappings the root volume is the AMI's snapshot (unencrypted for the EKS-optimized AMIs).
        if (mappings.length === 0 && !config.ebsEncryptionByDefault) {
            report(
                "blockDeviceMappings is empty, so the root volume is encrypted only if the AMI's snapshot is or EBS encryption by " +
                    'default is on: map the root device with ebs.encrypted "true"',
            );
        }
        mappings.forEach((m: any, i) => {
            if (isUnknown(m) || !m || isUnknown(m.ebs) || !m.ebs) return;
            const why = unencrypted(m.ebs.encrypted, config.ebsEncryptionByDefault);
            if (why) report(`blockDeviceMappings[${i}].ebs.encrypted (device ${String(m.deviceName ?? "unnamed")}) is ${unencryptedHint(why)}: set it to "true"`);
        });
    },
});
