import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { failCase, podCase } from "../lib/pods.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "no-proc-mount": podCase("Pod"),
        "default-in-a-user-namespace": podCase("Deployment", (s) => {
            s.hostUsers = false;
            s.containers[0].securityContext.procMount = "Default";
        }),
        "proc-mount-unknown-at-preview": podCase("Pod", (s) => {
            s.containers[0].securityContext.procMount = UNKNOWN;
        }),
    },
    fail: {
        "unmasked-even-in-a-user-namespace": failCase("Pod", "containers[0].securityContext.procMount", (s) => {
            s.hostUsers = false;
            s.containers[0].securityContext.procMount = "Unmasked";
        }),
        "job-init-container-unmasked": failCase("Job", "initContainers[0].securityContext.procMount", (s) => {
            s.initContainers[0].securityContext.procMount = "Unmasked";
        }),
    },
};
