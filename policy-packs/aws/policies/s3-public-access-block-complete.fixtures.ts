import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const B = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "all-four-on": pass(B),
        "account-level-all-four-on": {
            resource: {
                type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
                props: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            },
        },
        "flag-unknown-at-preview": pass(B, (p) => (p.blockPublicPolicy = UNKNOWN)),
    },
    fail: {
        "policy-not-blocked": fail(B, "blockPublicPolicy must be true", (p) => (p.blockPublicPolicy = false)),
        "only-bucket-set": fail(B, "blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets must be true", (p) => {
            for (const k of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) delete p[k];
        }),
        "account-level-partial": {
            resource: { type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", props: { blockPublicAcls: true } },
            expect: "restrictPublicBuckets must be true",
        },
    },
};
