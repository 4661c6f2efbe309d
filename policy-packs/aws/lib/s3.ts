/** S3 type tokens and encryption rules, shared by the bucket stack policies. */
import { type Unknown, isUnknown, listOf } from "./values";

/** `Bucket` is the current resource in 7.x; `BucketV2` remains as its deprecated alias. */
export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];

export const SSE_TYPES = [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];

/** The default SSE algorithms a rule list sets (`Unknown` where not known yet). */
export function sseAlgorithms(rules: unknown): (string | Unknown)[] {
    const list = listOf(rules);
    if (isUnknown(list)) return [list];
    const out: (string | Unknown)[] = [];
    for (const r of list as any[]) {
        if (isUnknown(r)) {
            out.push(r);
            continue;
        }
        const algorithm = r?.applyServerSideEncryptionByDefault?.sseAlgorithm;
        if (isUnknown(algorithm) || typeof algorithm === "string") out.push(algorithm);
        else if (isUnknown(r?.applyServerSideEncryptionByDefault)) out.push(r.applyServerSideEncryptionByDefault);
    }
    return out;
}
