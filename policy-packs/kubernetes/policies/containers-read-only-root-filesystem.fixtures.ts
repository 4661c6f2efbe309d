import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { IMAGE, bad, cronJob, deployment, deploymentPatch, ok, pod } from "../lib/platform.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "windows-pod-where-the-api-rejects-the-field": ok(
            deployment((spec) => {
                spec.os = { name: "windows" };
                for (const c of [...spec.initContainers, ...spec.containers]) delete c.securityContext;
            }),
        ),
        "patch-that-leaves-it-to-the-live-object": ok(deploymentPatch([{ name: "app", image: IMAGE }])),
        "read-only-everywhere": ok(deployment()),
        "flag-unknown-at-preview": ok(
            deployment((spec) => {
                spec.containers[0].securityContext.readOnlyRootFilesystem = UNKNOWN;
            }),
        ),
        "security-context-unknown-at-preview": ok(
            deployment((spec) => {
                spec.containers[0].securityContext = UNKNOWN;
            }),
        ),
    },
    fail: {
        "patch-that-turns-it-off": bad(
            deploymentPatch([{ name: "app", securityContext: { readOnlyRootFilesystem: false } }]),
            "spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem must be true",
        ),
        "linux-pod-that-names-its-os": bad(
            deployment((spec) => {
                spec.os = { name: "linux" };
                delete spec.containers[0].securityContext;
            }),
            "containers[0].securityContext.readOnlyRootFilesystem",
        ),
        "unset": bad(
            deployment((spec) => {
                delete spec.containers[0].securityContext;
            }),
            "spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem must be true",
        ),
        "false-on-init-container": bad(
            cronJob((spec) => {
                spec.initContainers[0].securityContext.readOnlyRootFilesystem = false;
            }),
            "spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.readOnlyRootFilesystem",
        ),
        "ephemeral-container": bad(
            pod((spec) => {
                spec.ephemeralContainers = [{ name: "debug", image: "x" }];
            }),
            "spec.ephemeralContainers[0].securityContext.readOnlyRootFilesystem",
        ),
    },
};
