import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const C = "aws:eks/cluster:Cluster";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "all-log-types": pass(C),
        "exactly-the-required-three": pass(C, (p) => {
            p.enabledClusterLogTypes = ["audit", "authenticator", "api"];
        }),
        "log-types-unknown-at-preview": pass(C, (p) => {
            p.enabledClusterLogTypes = UNKNOWN;
        }),
    },
    fail: {
        "no-logging": fail(C, 'enabledClusterLogTypes must include "api", "audit", "authenticator"', (p) => {
            delete p.enabledClusterLogTypes;
        }),
        "audit-missing": fail(C, 'must include "audit"', (p) => {
            p.enabledClusterLogTypes = ["api", "authenticator"];
        }),
        "scheduler-required-by-config": fail(
            C,
            'must include "scheduler"',
            (p) => {
                p.enabledClusterLogTypes = ["api", "audit", "authenticator"];
            },
            { requiredLogTypes: ["api", "audit", "authenticator", "scheduler"] },
        ),
    },
};
