import type { PolicyFixtures, ResourceFixture, StackCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { hardened, urnOf } from "../lib/resources.fixtures";

const BUCKET = "aws:s3/bucket:Bucket";
const bucket = (name: string, type = BUCKET): ResourceFixture => ({ type, name, props: { bucket: `${name}-1a2b3c` } });
const blockFor = (b: ResourceFixture): ResourceFixture => ({
    ...hardened("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", (p) => (p.bucket = UNKNOWN), `${b.name}-pab`),
    propertyDependencies: { bucket: [urnOf(b.type, b.name!)] },
});
const ALL_ON = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

export const fixtures: PolicyFixtures<StackCase> = {
    pass: {
        "bucket-with-block-via-dependency": { resources: [bucket("logs"), blockFor(bucket("logs"))] },
        "bucket-with-block-by-known-name": {
            resources: [bucket("logs"), hardened("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", (p) => (p.bucket = "logs-1a2b3c"))],
        },
        "bucket-v2-with-block": { resources: [bucket("old", "aws:s3/bucketV2:BucketV2"), blockFor(bucket("old", "aws:s3/bucketV2:BucketV2"))] },
        "account-level-block-covers-all": {
            resources: [bucket("a"), bucket("b"), { type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", name: "account", props: ALL_ON }],
        },
    },
    fail: {
        "bucket-without-block": { resources: [bucket("logs")], expect: 'bucket "logs" has no aws.s3.BucketPublicAccessBlock' },
        "block-for-another-bucket": {
            resources: [bucket("logs"), bucket("data"), blockFor(bucket("logs"))],
            expect: 'bucket "data" has no aws.s3.BucketPublicAccessBlock',
        },
        "partial-account-block-does-not-cover": {
            resources: [bucket("logs"), { type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", name: "account", props: { blockPublicAcls: true } }],
            expect: 'bucket "logs"',
        },
    },
};
