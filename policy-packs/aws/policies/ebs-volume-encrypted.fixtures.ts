import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const V = "aws:ebs/volume:Volume";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        encrypted: pass(V),
        "with-customer-key": pass(V, (p) => (p.kmsKeyId = "arn:aws:kms:us-east-1:123456789012:key/k1")),
        "encrypted-unknown-at-preview": pass(V, (p) => (p.encrypted = UNKNOWN)),
    },
    fail: {
        "encrypted-unset": fail(V, "encrypted must be true", (p) => delete p.encrypted),
        "encrypted-false": fail(V, "encrypted must be true", (p) => (p.encrypted = false)),
    },
};
