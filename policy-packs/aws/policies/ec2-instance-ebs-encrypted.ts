import { resourcePolicy } from "../../common/policy";
import { ebsEncryptionByDefaultSchema, unencrypted, unencryptedHint } from "../lib/ebs";
import { isUnknown, listOf, plain } from "../lib/values";

interface Config {
    readonly ebsEncryptionByDefault: boolean;
}

const TYPES = ["aws:ec2/instance:Instance", "aws:ec2/spotInstanceRequest:SpotInstanceRequest"];

export default resourcePolicy<Config>({
    name: "ec2-instance-ebs-encrypted",
    types: ["aws:ec2/instance:Instance", "aws:ec2/spotInstanceRequest:SpotInstanceRequest"],
    description: "EC2 instances must encrypt their root volume and every extra EBS volume they attach at launch.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.5.5"], nsaCisa: ["4"] },
    remediation:
        "Set `rootBlockDevice: { encrypted: true, kmsKeyId: key.arn }` and `encrypted: true` on every `ebsBlockDevices` entry, " +
        "or launch from a launch template whose mappings are encrypted, or turn on EBS encryption by default for the account " +
        "(`aws.ebs.EncryptionByDefault`) and set the `ebsEncryptionByDefault` setting.",
    config: { ebsEncryptionByDefault: ebsEncryptionByDefaultSchema },
    validate: ({ type, props, config }, report) => {
        if (!TYPES.includes(type)) return;
        const p = plain(props);
        const root = p.rootBlockDevice;
        // A launch template supplies the root volume when the instance does not; ec2-launch-template-ebs-encrypted judges it there.
        const fromTemplate = p.launchTemplate !== undefined && p.launchTemplate !== null;
        if (!isUnknown(root) && !(root == null && fromTemplate)) {
            const why = unencrypted(root?.encrypted, config.ebsEncryptionByDefault);
            if (why) report(`rootBlockDevice.encrypted is ${unencryptedHint(why)}: set rootBlockDevice.encrypted to true`);
        }
        const extra = listOf(p.ebsBlockDevices);
        if (isUnknown(extra)) return;
        extra.forEach((d: any, i) => {
            if (!d || isUnknown(d)) return;
            const why = unencrypted(d.encrypted, config.ebsEncryptionByDefault);
            if (why) report(`ebsBlockDevices[${i}].encrypted (device ${String(d.deviceName ?? "unnamed")}) is ${unencryptedHint(why)}: set it to true`);
        });
    },
});
