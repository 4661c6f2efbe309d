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

export const fixtures: PolicyFixtures<StackCase> = {
    pass: {
        "kms-config-via-dependency": { resources: [bucket("data"), sseFor("data")] },
        "v2-config-resource": {
            resources: [bucket("data"), sseFor("data", "AES256", "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2")],
        },
        "inline-configuration": {
            resources: [bucket("data", { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } } } })],
        },
        "sse-s3-accepted-by-default": { resources: [bucket("data"), sseFor("data", "AES256")] },
        "algorithm-unknown-with-kms-required": { resources: [bucket("data"), sseFor("data", UNKNOWN)], config: { requireKms: true } },
    },
    fail: {
        "bucket-without-encryption-config": {
            resources: [bucket("data")],
            expect: 'bucket "data" has no aws.s3.BucketServerSideEncryptionConfiguration',
        },
        "config-for-another-bucket": { resources: [bucket("data"), bucket("logs"), sseFor("logs")], expect: 'bucket "data"' },
        "sse-s3-when-kms-required": {
            resources: [bucket("data"), sseFor("data", "AES256")],
            config: { requireKms: true },
            expect: 'use sseAlgorithm "aws:kms"',
        },
    },
};
