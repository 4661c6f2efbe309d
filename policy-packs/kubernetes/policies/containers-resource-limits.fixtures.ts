import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { IMAGE, bad, deployment, deploymentPatch, ok, pod } from "../lib/platform.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "patch-that-leaves-resources-to-the-live-object": ok(deploymentPatch([{ name: "app", image: IMAGE }])),
        "requests-and-limits": ok(deployment()),
        "limits-only-default-the-requests": ok(
            deployment((spec) => {
                delete spec.containers[0].resources.requests;
            }),
        ),
        "cpu-limit-not-required-by-config": ok(
            deployment((spec) => {
                delete spec.containers[0].resources.limits.cpu;
            }),
            { requiredResources: ["requests.cpu", "requests.memory", "limits.memory"] },
        ),
        "ephemeral-containers-cannot-set-resources": ok(
            pod((spec) => {
                spec.ephemeralContainers = [{ name: "debug", image: "x" }];
            }),
        ),
        "memory-limit-unknown-at-preview": ok(
            deployment((spec) => {
                spec.containers[0].resources.limits.memory = UNKNOWN;
            }),
        ),
    },
    fail: {
        "no-resources": bad(
            deployment((spec) => {
                delete spec.containers[0].resources;
            }),
            "spec.template.spec.containers[0].resources.requests.cpu, spec.template.spec.containers[0].resources.requests.memory",
        ),
        "memory-limit-missing-on-init-container": bad(
            deployment((spec) => {
                delete spec.initContainers[0].resources.limits.memory;
            }),
            "spec.template.spec.initContainers[0].resources.limits.memory must be set",
        ),
        "requests-only": bad(
            deployment((spec) => {
                delete spec.containers[0].resources.limits;
            }),
            "spec.template.spec.containers[0].resources.limits.cpu",
        ),
    },
};
