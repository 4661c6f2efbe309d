import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const R = "aws:ecr/repository:Repository";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        immutable: pass(R),
        "exclusions-allowed-by-config": pass(
            R,
            (p) => {
                p.imageTagMutability = "IMMUTABLE_WITH_EXCLUSION";
                p.imageTagMutabilityExclusionFilters = [{ filter: "latest", filterType: "WILDCARD" }];
            },
            { allowTagExclusions: true },
        ),
        "mutability-unknown-at-preview": pass(R, (p) => (p.imageTagMutability = UNKNOWN)),
    },
    fail: {
        "unset-means-mutable": fail(R, "imageTagMutability is unset (MUTABLE)", (p) => delete p.imageTagMutability),
        mutable: fail(R, 'imageTagMutability is "MUTABLE"', (p) => (p.imageTagMutability = "MUTABLE")),
        "immutable-with-exclusions": fail(R, '"IMMUTABLE_WITH_EXCLUSION": set it to "IMMUTABLE"', (p) => {
            p.imageTagMutability = "IMMUTABLE_WITH_EXCLUSION";
            p.imageTagMutabilityExclusionFilters = [{ filter: "latest", filterType: "WILDCARD" }];
        }),
    },
};
