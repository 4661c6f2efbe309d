import { resourcePolicy } from "../../common/policy";
import { isUnknown, plain } from "../lib/values";

const TYPES = ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"];

export default resourcePolicy({
    name: "rds-storage-encrypted",
    types: ["aws:rds/cluster:Cluster", "aws:rds/instance:Instance"],
    description: "RDS instances and clusters must encrypt their storage.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { nsaCisa: ["4"] },
    remediation:
        "Set `storageEncrypted: true` and `kmsKeyId` on the `aws.rds.Instance` / `aws.rds.Cluster`. An existing unencrypted " +
        "database is migrated by restoring an encrypted copy of a snapshot.",
    validate: ({ type, props }, report) => {
        if (!TYPES.includes(type)) return;
        const p = plain(props);
        // A same-region read replica inherits its source's encryption; the source is checked itself.
        if (type === "aws:rds/instance:Instance" && p.replicateSourceDb !== undefined) return;
        // Aurora Serverless v1 is always encrypted.
        // (an engine mode unknown at preview may be that one: the update decides).
        if (type === "aws:rds/cluster:Cluster" && (p.engineMode === "serverless" || isUnknown(p.engineMode))) return;
        if (!isUnknown(p.storageEncrypted) && p.storageEncrypted !== true) {
            report("storageEncrypted must be true (and kmsKeyId set to a customer-managed key)");
        }
    },
});
