import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { failCase, podCase } from "../lib/pods.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "drop-all-add-nothing": podCase("Pod"),
        "adds-the-whole-default-set": podCase("Deployment", (s) => {
            s.containers[0].securityContext.capabilities.add = [
                "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
                "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
            ];
        }),
        "added-capability-unknown-at-preview": podCase("Pod", (s) => {
            s.containers[0].securityContext.capabilities.add = [UNKNOWN];
        }),
    },
    fail: {
        "pod-adds-net-raw": failCase("Pod", "containers[0].securityContext.capabilities.add", (s) => {
            s.containers[0].securityContext.capabilities.add = ["NET_RAW"];
        }),
        "deployment-init-container-adds-sys-admin": failCase("Deployment", "initContainers[0].securityContext.capabilities.add", (s) => {
            s.initContainers[0].securityContext.capabilities.add = ["CHOWN", "SYS_ADMIN"];
        }),
        "lower-case-name-is-not-the-default-set": failCase("StatefulSet", "containers[0].securityContext.capabilities.add", (s) => {
            s.containers[0].securityContext.capabilities.add = ["chown"];
        }),
        "cap-prefix-is-not-the-default-set": {
            ...failCase("CronJob", "containers[0].securityContext.capabilities.add", (s) => {
                s.containers[0].securityContext.capabilities.add = ["CAP_CHOWN", UNKNOWN];
            }),
            expect: '"CAP_CHOWN" is not "CHOWN"',
        },
    },
};
