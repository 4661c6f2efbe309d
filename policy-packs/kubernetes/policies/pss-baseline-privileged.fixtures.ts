import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { failCase, podCase } from "../lib/pods.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "no-security-context": podCase("Pod", (s) => {
            delete s.containers[0].securityContext;
        }),
        "privileged-false": podCase("Deployment", (s) => {
            s.containers[0].securityContext.privileged = false;
        }),
        "privileged-unknown-at-preview": podCase("Pod", (s) => {
            s.containers[0].securityContext.privileged = UNKNOWN;
        }),
    },
    fail: {
        "container-privileged": failCase("Pod", "containers[0].securityContext.privileged", (s) => {
            s.containers[0].securityContext.privileged = true;
        }),
        "deployment-init-container-privileged": failCase("Deployment", "initContainers[0].securityContext.privileged", (s) => {
            s.initContainers[0].securityContext.privileged = true;
        }),
        "job-ephemeral-container-privileged": failCase("Job", "ephemeralContainers[0].securityContext.privileged", (s) => {
            s.ephemeralContainers = [{ name: "debug", image: "busybox", securityContext: { privileged: true } }];
        }),
        "deployment-patch-turns-privileged-on": failCase("DeploymentPatch", "containers[0].securityContext.privileged", (s) => {
            s.containers = [{ name: "app", securityContext: { privileged: true } }];
            delete s.initContainers;
            delete s.securityContext;
        }),
        "privileged-container-beside-an-unknown-one": failCase("CronJob", "containers[1].securityContext.privileged", (s) => {
            s.containers[0].securityContext.privileged = UNKNOWN;
            s.containers.push({ name: "sidecar", image: "x", securityContext: { privileged: true } });
        }),
    },
};
