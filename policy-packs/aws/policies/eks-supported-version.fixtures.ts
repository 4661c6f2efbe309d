import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, hardened, pass } from "../lib/resources.fixtures";

const C = "aws:eks/cluster:Cluster";
/** A fixed day, so the cases do not change with the calendar: 1.34 ends standard support 2026-12-02. */
const ON = { asOf: "2026-06-01" };

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "in-standard-support": pass(C, (p) => (p.version = "1.34"), ON),
        "newest-version": pass(C, (p) => (p.version = "1.35"), ON),
        "sixty-days-before-the-end": pass(C, (p) => (p.version = "1.34"), { asOf: "2026-10-03" }),
        "unset-means-latest": pass(C, (p) => {
            delete p.version;
        }, ON),
        "version-unknown-at-preview": pass(C, (p) => {
            p.version = UNKNOWN;
        }, ON),
        "node-group-in-standard-support": { resource: hardened("aws:eks/nodeGroup:NodeGroup", (p) => (p.version = "1.35")), config: ON },
    },
    fail: {
        "past-end-of-standard-support": fail(C, 'version "1.33" left EKS standard support on 2026-07-29', (p) => (p.version = "1.33"), { asOf: "2026-08-01" }),
        "past-end-of-extended-support": fail(C, "left EKS extended support on 2026-11-26", (p) => (p.version = "1.31"), { asOf: "2026-12-01", minKubernetesVersion: "1.20" }),
        "older-than-the-calendar": fail(C, 'version "1.28" is older than', (p) => (p.version = "1.28"), { ...ON, minKubernetesVersion: "1.20" }),
        "below-the-floor": fail(C, 'version "1.29" is older than 1.32', (p) => (p.version = "1.29"), ON),
        "below-raised-minimum": fail(C, "older than 1.35", (p) => (p.version = "1.34"), { ...ON, minKubernetesVersion: "1.35" }),
        "not-a-version": fail(C, 'version "latest" is not a Kubernetes version', (p) => (p.version = "latest"), ON),
        "node-group-out-of-support": {
            resource: hardened("aws:eks/nodeGroup:NodeGroup", (p) => (p.version = "1.32")),
            config: { asOf: "2026-06-01" },
            expect: 'version "1.32" left EKS standard support on 2026-03-23',
        },
    },
};
