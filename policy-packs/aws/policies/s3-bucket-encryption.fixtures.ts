import type { PolicyFixtures, ResourceFixture, StackCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { urnOf } from "../lib/resources.fixtures";

const BUCKET = "aws:s3/bucket:Bucket";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const bucket = (name: string, props: Record<string, unknown> = {}): ResourceFixture => ({ type: BUCKET, name, props: { bucket: `${name}-1a2b3c`, ...props } });
const sseFor = (name: string, sseAlgorithm: unknown = "aws:kms", type = SSE): ResourceFixture => ({
    type,
    name: `${name}-sse`,
    props: { bucket: UNKNOWN, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm }, bucketKeyEnabled: true }] },
    propertyDependencies: { bucket: [urnOf(BUCKET, name)] },
});

const KMS = { requireKms: true };

export const fixtures: PolicyFixtures<StackCase> = {
    pass: {
        "no-configuration-sse-s3-by-default": { resources: [bucket("data")] },
        "sse-s3-accepted-by-default": { resources: [bucket("data"), sseFor("data", "AES256")] },
        "kms-required-kms-config-via-dependency": { resources: [bucket("data"), sseFor("data")], config: KMS },
        "kms-required-dsse-v2-config-resource": {
            resources: [bucket("data"), sseFor("data", "aws:kms:dsse", "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2")],
            config: KMS,
        },
        "kms-required-inline-configuration": {
            resources: [bucket("data", { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } } } })],
            config: KMS,
        },
        "kms-required-algorithm-unknown-at-preview": { resources: [bucket("data"), sseFor("data", UNKNOWN)], config: KMS },
    },
    fail: {
        "kms-required-bucket-without-configuration": {
            resources: [bucket("data")],
            config: KMS,
            expect: 'bucket "data" has no aws.s3.BucketServerSideEncryptionConfiguration, so S3 encrypts its objects with its default SSE-S3',
        },
        "kms-required-config-for-another-bucket": { resources: [bucket("data"), bucket("logs"), sseFor("logs")], config: KMS, expect: 'bucket "data"' },
        "kms-required-sse-s3": {
            resources: [bucket("data"), sseFor("data", "AES256")],
            config: KMS,
            expect: 'is encrypted with AES256 (SSE-S3), and requireKms is on: use sseAlgorithm "aws:kms"',
        },
    },
};
