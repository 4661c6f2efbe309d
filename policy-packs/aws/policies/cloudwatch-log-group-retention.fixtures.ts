import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const L = "aws:cloudwatch/logGroup:LogGroup";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "one-year": pass(L),
        "exactly-the-minimum": pass(L, (p) => (p.retentionInDays = 90)),
        "short-retention-allowed-by-config": pass(L, (p) => (p.retentionInDays = 30), { minRetentionDays: 30 }),
        "retention-unknown-at-preview": pass(L, (p) => (p.retentionInDays = UNKNOWN)),
    },
    fail: {
        "retention-unset": fail(L, "retentionInDays is unset", (p) => delete p.retentionInDays),
        "never-expire-zero": fail(L, "retentionInDays is unset", (p) => (p.retentionInDays = 0)),
        "below-default-minimum": fail(L, "retentionInDays is 7: set it to at least 90", (p) => (p.retentionInDays = 7)),
        "below-configured-minimum": fail(L, "at least 400", (p) => (p.retentionInDays = 365), { minRetentionDays: 400 }),
    },
};
