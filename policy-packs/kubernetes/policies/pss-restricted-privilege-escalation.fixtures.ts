import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { failCase, podCase } from "../lib/pods.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "every-container-sets-false": podCase("Pod"),
        "windows-pod-is-exempt": podCase("Deployment", (s) => {
            s.os = { name: "windows" };
            delete s.containers[0].securityContext;
        }),
        "value-unknown-at-preview": podCase("Pod", (s) => {
            s.containers[0].securityContext.allowPrivilegeEscalation = UNKNOWN;
        }),
        "patch-that-leaves-the-field-to-the-live-object": podCase("DeploymentPatch", (s) => {
            s.containers = [{ name: "app", image: "registry.example.com/app:2" }];
            delete s.initContainers;
        }),
        "os-unknown-at-preview": podCase("Pod", (s) => {
            s.os = { name: UNKNOWN };
            delete s.containers[0].securityContext;
        }),
    },
    fail: {
        "pod-container-unset": failCase("Pod", "containers[0].securityContext.allowPrivilegeEscalation", (s) => {
            delete s.containers[0].securityContext.allowPrivilegeEscalation;
        }),
        "deployment-init-container-true": failCase("Deployment", "initContainers[0].securityContext.allowPrivilegeEscalation", (s) => {
            s.initContainers[0].securityContext.allowPrivilegeEscalation = true;
        }),
        "linux-pod-without-security-context": failCase("Job", "containers[0].securityContext.allowPrivilegeEscalation", (s) => {
            s.os = { name: "linux" };
            delete s.containers[0].securityContext;
        }),
        "patch-that-turns-escalation-on": failCase("DeploymentPatch", "containers[0].securityContext.allowPrivilegeEscalation", (s) => {
            s.containers = [{ name: "app", securityContext: { allowPrivilegeEscalation: true } }];
            delete s.initContainers;
        }),
        "cronjob-ephemeral-container-unset": failCase("CronJob", "ephemeralContainers[0].securityContext.allowPrivilegeEscalation", (s) => {
            s.ephemeralContainers = [{ name: "debug", image: "busybox" }];
        }),
    },
};
