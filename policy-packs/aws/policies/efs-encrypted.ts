import { resourcePolicy } from "../../common/policy";
import { isUnknown, plain } from "../lib/values";

export default resourcePolicy({
    name: "efs-encrypted",
    types: ["aws:efs/fileSystem:FileSystem"],
    description: "EFS file systems must be encrypted at rest.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { nsaCisa: ["4"] },
    remediation:
        "Set `encrypted: true` and `kmsKeyId` on the `aws.efs.FileSystem` (encryption can only be chosen at creation: " +
        "migrate the data to a new, encrypted file system).",
    validate: ({ type, props }, report) => {
        if (type !== "aws:efs/fileSystem:FileSystem") return;
        const encrypted = plain(props).encrypted;
        if (!isUnknown(encrypted) && encrypted !== true) report("encrypted must be true (and kmsKeyId set to a customer-managed key)");
    },
});
