import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { failCase, podCase } from "../lib/pods.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "no-selinux-options": podCase("Pod"),
        "container-types-and-a-level": podCase("Deployment", (s) => {
            s.securityContext.seLinuxOptions = { type: "container_t", level: "s0:c123,c456" };
            s.initContainers[0].securityContext.seLinuxOptions = { type: "container_init_t" };
            s.containers[0].securityContext.seLinuxOptions = { type: "container_engine_t" };
        }),
        "type-unknown-at-preview": podCase("Pod", (s) => {
            s.securityContext.seLinuxOptions = { type: UNKNOWN };
        }),
    },
    fail: {
        "pod-spc-type": failCase("Pod", "securityContext.seLinuxOptions.type", (s) => {
            s.securityContext.seLinuxOptions = { type: "spc_t" };
        }),
        "deployment-container-custom-user": failCase("Deployment", "containers[0].securityContext.seLinuxOptions.user", (s) => {
            s.containers[0].securityContext.seLinuxOptions = { user: "system_u" };
        }),
        "job-init-container-custom-role": failCase("Job", "initContainers[0].securityContext.seLinuxOptions.role", (s) => {
            s.initContainers[0].securityContext.seLinuxOptions = { role: "sysadm_r" };
        }),
    },
};
