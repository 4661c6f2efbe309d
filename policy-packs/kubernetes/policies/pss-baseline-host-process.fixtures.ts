import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { failCase, podCase } from "../lib/pods.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "pod-without-windows-options": podCase("Pod"),
        "deployment-host-process-false": podCase("Deployment", (s) => {
            s.securityContext.windowsOptions = { hostProcess: false };
        }),
        "pod-host-process-unknown-at-preview": podCase("Pod", (s) => {
            s.securityContext.windowsOptions = { hostProcess: UNKNOWN };
        }),
    },
    fail: {
        "pod-level-host-process": failCase("Pod", "securityContext.windowsOptions.hostProcess", (s) => {
            s.securityContext.windowsOptions = { hostProcess: true };
            s.hostNetwork = true;
        }),
        "daemonset-container-host-process": failCase("DaemonSet", "containers[0].securityContext.windowsOptions.hostProcess", (s) => {
            s.containers[0].securityContext.windowsOptions = { hostProcess: true };
        }),
        "cronjob-init-container-host-process": failCase("CronJob", "initContainers[0].securityContext.windowsOptions.hostProcess", (s) => {
            s.initContainers[0].securityContext.windowsOptions = { hostProcess: true };
        }),
    },
};
