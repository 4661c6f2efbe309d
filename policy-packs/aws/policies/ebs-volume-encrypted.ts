import { resourcePolicy } from "../../common/policy";
import { ebsEncryptionByDefaultSchema, unencrypted, unencryptedHint } from "../lib/ebs";
import { plain } from "../lib/values";

interface Config {
    readonly ebsEncryptionByDefault: boolean;
}

export default resourcePolicy<Config>({
    name: "ebs-volume-encrypted",
    types: ["aws:ebs/volume:Volume"],
    description: "EBS volumes must be encrypted at rest.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.5.5"], nsaCisa: ["4"] },
    remediation:
        "Set `encrypted: true` and `kmsKeyId` to a customer-managed KMS key on the `aws.ebs.Volume`, or turn on EBS encryption " +
        "by default for the account (`aws.ebs.EncryptionByDefault`) and set the `ebsEncryptionByDefault` setting.",
    config: { ebsEncryptionByDefault: ebsEncryptionByDefaultSchema },
    validate: ({ type, props, config }, report) => {
        if (type !== "aws:ebs/volume:Volume") return;
        const why = unencrypted(plain(props).encrypted, config.ebsEncryptionByDefault);
        if (why) report(`encrypted is ${unencryptedHint(why)}: set encrypted to true (and kmsKeyId to a customer-managed key)`);
    },
});
