import { stackPolicy } from "../../common/policy";
import { identitiesOf, mayReferTo, nodes, ofType, resolve } from "../lib/graph";
import { BUCKET_TYPES } from "../lib/s3";
import { hasUnknown } from "../lib/values";

const FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

export default stackPolicy({
    name: "s3-bucket-public-access-block",
    description: "Every S3 bucket the stack creates must have a public access block (or the account must block public access).",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { nsaCisa: ["4"] },
    remediation:
        "Add an `aws.s3.BucketPublicAccessBlock` with `bucket: bucket.id` and all four flags true for each bucket, or an " +
        "`aws.s3.AccountPublicAccessBlock` with all four flags true in the stack.",
    validate: ({ resources }, report) => {
        const all = nodes(resources);
        const accountBlocked = ofType(all, "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock").some((a) =>
            FLAGS.every((f) => a.props[f] === true),
        );
        if (accountBlocked) return;
        // An account block with a flag unknown at preview may block every bucket: the update decides.
        const accountMaybe = ofType(all, "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock").some((a) =>
            FLAGS.every((f) => a.props[f] === true || hasUnknown(a.props[f])),
        );
        const blocks = ofType(all, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
        for (const bucket of ofType(all, ...BUCKET_TYPES)) {
            const resolved = blocks.map((b) => resolve(b, "bucket", [bucket], identitiesOf("bucket")));
            const covered = resolved.some((r) => r.targets.length > 0);
            // A block whose bucket is unknown at preview may be this bucket's: the update decides.
            if (!covered && (accountMaybe || mayReferTo(blocks, "bucket", bucket, ofType(all, ...BUCKET_TYPES), identitiesOf("bucket"), "bucket"))) {
                report(`bucket "${bucket.name}": a BucketPublicAccessBlock's bucket is not known until the update, so whether it covers this bucket is decided then`, {
                    urn: bucket.urn,
                    name: bucket.name,
                    advisory: true,
                });
            } else if (!covered) {
                report(
                    `bucket "${bucket.name}" has no aws.s3.BucketPublicAccessBlock: add one with bucket set to this bucket's id ` +
                        "and all four flags true",
                    { urn: bucket.urn, name: bucket.name },
                );
            }
        }
    },
});
