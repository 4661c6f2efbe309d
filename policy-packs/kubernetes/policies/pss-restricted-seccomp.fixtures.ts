import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { failCase, podCase } from "../lib/pods.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "runtime-default-on-the-pod": podCase("Pod"),
        "localhost-on-the-pod": podCase("Deployment", (s) => {
            s.securityContext.seccompProfile = { type: "Localhost", localhostProfile: "profiles/app.json" };
        }),
        "set-on-every-container": podCase("Pod", (s) => {
            delete s.securityContext.seccompProfile;
            s.initContainers[0].securityContext.seccompProfile = { type: "Localhost", localhostProfile: "p.json" };
            s.containers[0].securityContext.seccompProfile = { type: "RuntimeDefault" };
        }),
        "windows-pod-is-exempt": podCase("Pod", (s) => {
            s.os = { name: "windows" };
            delete s.securityContext.seccompProfile;
        }),
        "pod-profile-unknown-at-preview": podCase("Pod", (s) => {
            s.securityContext.seccompProfile = UNKNOWN;
        }),
        "patch-that-leaves-it-to-the-live-object": podCase("DeploymentPatch", (s) => {
            delete s.securityContext;
        }),
    },
    fail: {
        "pod-unset": failCase("Pod", "containers[0].securityContext.seccompProfile.type", (s) => {
            delete s.securityContext.seccompProfile;
        }),
        "deployment-pod-unconfined": failCase("Deployment", "securityContext.seccompProfile.type", (s) => {
            s.securityContext.seccompProfile = { type: "Unconfined" };
        }),
        "cronjob-one-container-left-unset": failCase("CronJob", "initContainers[0].securityContext.seccompProfile.type", (s) => {
            delete s.securityContext.seccompProfile;
            s.containers[0].securityContext.seccompProfile = { type: "RuntimeDefault" };
        }),
        "daemonset-container-overrides-with-unconfined": failCase("DaemonSet", "containers[0].securityContext.seccompProfile.type", (s) => {
            s.containers[0].securityContext.seccompProfile = { type: "Unconfined" };
        }),
        "patch-that-sets-unconfined": failCase("DeploymentPatch", "containers[0].securityContext.seccompProfile.type", (s) => {
            delete s.securityContext;
            s.containers[0].securityContext.seccompProfile = { type: "Unconfined" };
        }),
    },
};
