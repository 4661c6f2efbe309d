import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { failCase, podCase } from "../lib/pods.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "pod-without-host-namespaces": podCase("Pod"),
        "deployment-host-namespaces-false": podCase("Deployment", (s) => Object.assign(s, { hostNetwork: false, hostPID: false, hostIPC: false })),
        "pod-host-network-unknown-at-preview": podCase("Pod", (s) => {
            s.hostNetwork = UNKNOWN;
        }),
    },
    fail: {
        "pod-host-network": failCase("Pod", "hostNetwork", (s) => {
            s.hostNetwork = true;
        }),
        "deployment-host-pid": failCase("Deployment", "hostPID", (s) => {
            s.hostPID = true;
        }),
        "cronjob-host-ipc": failCase("CronJob", "hostIPC", (s) => {
            s.hostIPC = true;
        }),
        "statefulset-host-pid-beside-unknown-host-network": failCase("StatefulSet", "hostPID", (s) => {
            s.hostNetwork = UNKNOWN;
            s.hostPID = true;
        }),
    },
};
