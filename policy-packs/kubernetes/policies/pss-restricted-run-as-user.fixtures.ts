import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { failCase, podCase } from "../lib/pods.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "unset": podCase("Pod"),
        "non-zero-uid": podCase("Deployment", (s) => {
            s.securityContext.runAsUser = 1000;
            s.containers[0].securityContext.runAsUser = 65534;
        }),
        "root-in-a-user-namespace": podCase("Pod", (s) => {
            s.hostUsers = false;
            s.securityContext.runAsUser = 0;
        }),
        "uid-unknown-at-preview": podCase("Pod", (s) => {
            s.securityContext.runAsUser = UNKNOWN;
        }),
    },
    fail: {
        "pod-level-root": failCase("Pod", "securityContext.runAsUser", (s) => {
            s.securityContext.runAsUser = 0;
        }),
        "deployment-container-root": failCase("Deployment", "containers[0].securityContext.runAsUser", (s) => {
            s.securityContext.runAsUser = 1000;
            s.containers[0].securityContext.runAsUser = 0;
        }),
        "job-init-container-root-with-host-users": failCase("Job", "initContainers[0].securityContext.runAsUser", (s) => {
            s.hostUsers = true;
            s.initContainers[0].securityContext.runAsUser = 0;
        }),
    },
};
