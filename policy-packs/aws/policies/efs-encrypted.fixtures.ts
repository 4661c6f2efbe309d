import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const F = "aws:efs/fileSystem:FileSystem";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        encrypted: pass(F),
        "encrypted-unknown-at-preview": pass(F, (p) => (p.encrypted = UNKNOWN)),
    },
    fail: {
        "encrypted-unset": fail(F, "encrypted must be true", (p) => delete p.encrypted),
        "encrypted-false": fail(F, "encrypted must be true", (p) => (p.encrypted = false)),
    },
};
