import { stackPolicy } from "../../common/policy";
import { identitiesOf, mayReferTo, nodes, ofType, resolve } from "../lib/graph";
import { BUCKET_TYPES, SSE_TYPES, sseAlgorithms } from "../lib/s3";
import { isUnknown } from "../lib/values";

interface Config {
    readonly requireKms: boolean;
}

export default stackPolicy<Config>({
    name: "s3-bucket-encryption",
    description: "S3 buckets must encrypt objects with SSE-KMS where the settings require it (SSE-S3 is S3's default otherwise).",
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { nsaCisa: ["4"] },
    remediation:
        "Since January 2023 S3 encrypts every new object with SSE-S3 (AES256) when a bucket has no configuration, so " +
        "nothing is needed for encryption at rest itself. Where `requireKms` is on, add an " +
        "`aws.s3.BucketServerSideEncryptionConfiguration` with `bucket: bucket.id` and a rule " +
        '`applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }` (with `bucketKeyEnabled: true`).',
    config: {
        requireKms: {
            type: "boolean",
            default: false,
            description: "Require SSE-KMS (aws:kms or aws:kms:dsse) rather than accepting S3's default SSE-S3 (AES256).",
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
            // Without requireKms there is nothing to stop: S3 applies SSE-S3 to new objects of every bucket.
            if (!config.requireKms) continue;
            // A configuration whose bucket is unknown at preview may be this bucket's: the update decides.
            const maybeMine = mine.length === 0 && mayReferTo(configs, "bucket", bucket, ofType(all, ...BUCKET_TYPES), identitiesOf("bucket"), "bucket");
            if (mine.length === 0 && !inline && maybeMine) {
                report(`bucket "${bucket.name}": an encryption configuration's bucket is not known until the update, so whether it covers this bucket is decided then`, {
                    ...at,
                    advisory: true,
                });
            } else if (mine.length === 0 && !inline) {
                report(
                    `bucket "${bucket.name}" has no aws.s3.BucketServerSideEncryptionConfiguration, so S3 encrypts its objects with ` +
                        'its default SSE-S3 (AES256), and requireKms is on: add one with bucket set to this bucket\'s id and sseAlgorithm "aws:kms"',
                    at,
                );
            } else if (algorithms.length > 0 && !algorithms.some(isUnknown)) {
                if (!algorithms.some((a) => a === "aws:kms" || a === "aws:kms:dsse")) {
                    report(`bucket "${bucket.name}" is encrypted with ${algorithms.join(", ")} (SSE-S3), and requireKms is on: use sseAlgorithm "aws:kms"`, at);
                }
            }
        }
    },
});
