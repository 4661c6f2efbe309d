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
        "retention-unset-never-expires": pass(L, (p) => delete p.retentionInDays),
        "retention-zero-never-expires": pass(L, (p) => (p.retentionInDays = 0)),
    },
    fail: {
        "one-day": fail(L, "retentionInDays is 1: set it to at least 90", (p) => (p.retentionInDays = 1)),
        "below-default-minimum": fail(L, "retentionInDays is 7: set it to at least 90", (p) => (p.retentionInDays = 7)),
        "below-configured-minimum": fail(L, "at least 400", (p) => (p.retentionInDays = 365), { minRetentionDays: 400 }),
    },
};
