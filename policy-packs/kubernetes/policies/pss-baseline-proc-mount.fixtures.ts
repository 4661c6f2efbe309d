import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { failCase, podCase } from "../lib/pods.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "default-proc-mount": podCase("Pod", (s) => {
            s.containers[0].securityContext.procMount = "Default";
        }),
        "unmasked-in-a-user-namespace": podCase("Deployment", (s) => {
            s.hostUsers = false;
            s.containers[0].securityContext.procMount = "Unmasked";
        }),
        "unmasked-with-host-users-unknown-at-preview": podCase("Pod", (s) => {
            s.hostUsers = UNKNOWN;
            s.containers[0].securityContext.procMount = "Unmasked";
        }),
    },
    fail: {
        "pod-unmasked": failCase("Pod", "containers[0].securityContext.procMount", (s) => {
            s.containers[0].securityContext.procMount = "Unmasked";
        }),
        "statefulset-init-container-unmasked-with-host-users": failCase("StatefulSet", "initContainers[0].securityContext.procMount", (s) => {
            s.hostUsers = true;
            s.initContainers[0].securityContext.procMount = "Unmasked";
        }),
    },
};
