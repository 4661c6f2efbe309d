import { stackPolicy } from "../../common/policy";
import { identitiesOf, mayReferTo, nodes, ofType, resolve } from "../lib/graph";
import { BUCKET_TYPES, SSE_TYPES, sseAlgorithms } from "../lib/s3";
import { isUnknown } from "../lib/values";

interface Config {
    readonly requireKms: boolean;
}

export default stackPolicy<Config>({
    name: "s3-bucket-encryption",
    description: "Every S3 bucket the stack creates must have a server-side encryption configuration.",
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { nsaCisa: ["4"] },
    remediation:
        "Add an `aws.s3.BucketServerSideEncryptionConfiguration` with `bucket: bucket.id` and a rule " +
        '`applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }` (with `bucketKeyEnabled: true`).',
    config: {
        requireKms: {
            type: "boolean",
            default: false,
            description: "Require SSE-KMS (aws:kms or aws:kms:dsse) rather than accepting SSE-S3 (AES256).",
        },
    },
    validate: ({ resources, config }, report) => {
        const all = nodes(resources);
        const configs = ofType(all, ...SSE_TYPES);
        for (const bucket of ofType(all, ...BUCKET_TYPES)) {
            const at = { urn: bucket.urn, name: bucket.name };
            const mine = configs.filter((c) => resolve(c, "bucket", [bucket], identitiesOf("bucket")).targets.length > 0);
            const inline = bucket.props.serverSideEncryptionConfiguration;
            const algorithms = [
                ...mine.flatMap((c) => sseAlgorithms(c.props.rules)),
                ...(inline && !isUnknown(inline) ? sseAlgorithms(inline.rule === undefined ? undefined : [inline.rule]) : []),
            ];
            // A configuration whose bucket is unknown at preview may be this bucket's: the update decides.
            const maybeMine = mine.length === 0 && mayReferTo(configs, "bucket", bucket, ofType(all, ...BUCKET_TYPES), identitiesOf("bucket"), "bucket");
            if (mine.length === 0 && !inline && maybeMine) {
                report(`bucket "${bucket.name}": an encryption configuration's bucket is not known until the update, so whether it covers this bucket is decided then`, {
                    ...at,
                    advisory: true,
                });
            } else if (mine.length === 0 && !inline) {
                report(
                    `bucket "${bucket.name}" has no aws.s3.BucketServerSideEncryptionConfiguration: add one with bucket set to this ` +
                        'bucket\'s id and sseAlgorithm "aws:kms"',
                    at,
                );
            } else if (config.requireKms && algorithms.length > 0 && !algorithms.some(isUnknown)) {
                if (!algorithms.some((a) => a === "aws:kms" || a === "aws:kms:dsse")) {
                    report(`bucket "${bucket.name}" is encrypted with ${algorithms.join(", ")}: use sseAlgorithm "aws:kms" (requireKms is on)`, at);
                }
            }
        }
    },
});
