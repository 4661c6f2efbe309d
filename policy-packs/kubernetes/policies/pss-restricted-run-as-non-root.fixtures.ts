import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { failCase, podCase } from "../lib/pods.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "set-on-the-pod": podCase("Pod"),
        "set-on-every-container": podCase("Deployment", (s) => {
            delete s.securityContext.runAsNonRoot;
            s.initContainers[0].securityContext.runAsNonRoot = true;
            s.containers[0].securityContext.runAsNonRoot = true;
        }),
        "user-namespace-pod-is-exempt": podCase("Pod", (s) => {
            s.hostUsers = false;
            delete s.securityContext.runAsNonRoot;
        }),
        "pod-level-unknown-at-preview": podCase("Pod", (s) => {
            s.securityContext.runAsNonRoot = UNKNOWN;
        }),
        "patch-that-leaves-it-to-the-live-object": podCase("DeploymentPatch", (s) => {
            delete s.securityContext;
            s.containers = [{ name: "app", image: "registry.example.com/app:2" }];
            delete s.initContainers;
        }),
    },
    fail: {
        "pod-unset": failCase("Pod", "containers[0].securityContext.runAsNonRoot", (s) => {
            delete s.securityContext.runAsNonRoot;
        }),
        "deployment-pod-level-false": failCase("Deployment", "securityContext.runAsNonRoot", (s) => {
            s.securityContext.runAsNonRoot = false;
            s.containers[0].securityContext.runAsNonRoot = true;
            s.initContainers[0].securityContext.runAsNonRoot = true;
        }),
        "cronjob-container-overrides-with-false": failCase("CronJob", "containers[0].securityContext.runAsNonRoot", (s) => {
            s.containers[0].securityContext.runAsNonRoot = false;
        }),
        "statefulset-one-container-unset-without-pod-level": failCase("StatefulSet", "initContainers[0].securityContext.runAsNonRoot", (s) => {
            delete s.securityContext.runAsNonRoot;
            s.containers[0].securityContext.runAsNonRoot = true;
        }),
        "windows-pods-are-not-exempt": failCase("Pod", "containers[0].securityContext.runAsNonRoot", (s) => {
            s.os = { name: "windows" };
            delete s.securityContext.runAsNonRoot;
        }),
        "patch-that-sets-it-false": failCase("DeploymentPatch", "securityContext.runAsNonRoot", (s) => {
            s.securityContext = { runAsNonRoot: false };
        }),
    },
};
