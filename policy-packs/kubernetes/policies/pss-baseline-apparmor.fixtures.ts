import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { failCase, podCase } from "../lib/pods.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "runtime-default-field": podCase("Pod", (s) => {
            s.securityContext.appArmorProfile = { type: "RuntimeDefault" };
        }),
        "localhost-field-and-annotation": podCase("Deployment", (s, m) => {
            s.containers[0].securityContext.appArmorProfile = { type: "Localhost", localhostProfile: "k8s-app" };
            m.annotations = { "container.apparmor.security.beta.kubernetes.io/app": "localhost/k8s-app", "other.example.com/x": "unconfined" };
        }),
        "profile-type-unknown-at-preview": podCase("Pod", (s, m) => {
            s.securityContext.appArmorProfile = { type: UNKNOWN };
            m.annotations = { "container.apparmor.security.beta.kubernetes.io/app": UNKNOWN };
        }),
    },
    fail: {
        "pod-unconfined-field": failCase("Pod", "securityContext.appArmorProfile.type", (s) => {
            s.securityContext.appArmorProfile = { type: "Unconfined" };
        }),
        "deployment-container-unconfined-field": failCase("Deployment", "containers[0].securityContext.appArmorProfile.type", (s) => {
            s.containers[0].securityContext.appArmorProfile = { type: "Unconfined" };
        }),
        "cronjob-unconfined-annotation": failCase("CronJob", 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/init"]', (_s, m) => {
            m.annotations = { "container.apparmor.security.beta.kubernetes.io/init": "unconfined" };
        }),
    },
};
