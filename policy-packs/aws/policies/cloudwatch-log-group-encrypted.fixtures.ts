import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const L = "aws:cloudwatch/logGroup:LogGroup";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "customer-key": pass(L),
        "key-unknown-at-preview": pass(L, (p) => (p.kmsKeyId = UNKNOWN)),
    },
    fail: {
        "no-key": fail(L, "kmsKeyId must be set", (p) => delete p.kmsKeyId),
        "empty-key": fail(L, "kmsKeyId must be set", (p) => (p.kmsKeyId = "")),
    },
};
