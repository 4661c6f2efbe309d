import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { bad, cronJob, deployment, ok, pod } from "../lib/platform.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
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
