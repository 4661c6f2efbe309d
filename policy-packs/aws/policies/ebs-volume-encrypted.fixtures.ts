import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const V = "aws:ebs/volume:Volume";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        encrypted: pass(V),
        "with-customer-key": pass(V, (p) => (p.kmsKeyId = "arn:aws:kms:us-east-1:123456789012:key/k1")),
        "encrypted-unknown-at-preview": pass(V, (p) => (p.encrypted = UNKNOWN)),
        "unset-with-ebs-encryption-by-default": pass(V, (p) => delete p.encrypted, { ebsEncryptionByDefault: true }),
    },
    fail: {
        "encrypted-unset": fail(V, "encrypted is unset, so the volume is encrypted only if EBS encryption by default is on", (p) => delete p.encrypted),
        "encrypted-false": fail(V, "encrypted is false: set encrypted to true", (p) => (p.encrypted = false)),
    },
};
