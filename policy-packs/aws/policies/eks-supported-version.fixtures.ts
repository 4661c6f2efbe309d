import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, hardened, pass } from "../lib/resources.fixtures";

const C = "aws:eks/cluster:Cluster";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "current-version": pass(C),
        "unset-means-latest": pass(C, (p) => {
            delete p.version;
        }),
        "exactly-the-minimum": pass(C, (p) => {
            p.version = "1.32";
        }),
        "version-unknown-at-preview": pass(C, (p) => {
            p.version = UNKNOWN;
        }),
        "node-group-current": { resource: hardened("aws:eks/nodeGroup:NodeGroup") },
    },
    fail: {
        "cluster-out-of-support": fail(C, 'version "1.29" is older than 1.32', (p) => {
            p.version = "1.29";
        }),
        "below-raised-minimum": fail(C, "older than 1.34", (p) => (p.version = "1.33"), { minKubernetesVersion: "1.34" }),
        "not-a-version": fail(C, 'version "latest" is not a Kubernetes version', (p) => {
            p.version = "latest";
        }),
        "node-group-out-of-support": {
            resource: hardened("aws:eks/nodeGroup:NodeGroup", (p) => (p.version = "1.30")),
            expect: 'version "1.30" is older',
        },
    },
};
