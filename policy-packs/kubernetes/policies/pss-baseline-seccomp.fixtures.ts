import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { failCase, podCase } from "../lib/pods.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "runtime-default": podCase("Pod"),
        "no-profile-at-all": podCase("Deployment", (s) => {
            delete s.securityContext.seccompProfile;
        }),
        "localhost-on-a-container": podCase("Pod", (s) => {
            s.containers[0].securityContext.seccompProfile = { type: "Localhost", localhostProfile: "profiles/app.json" };
        }),
        "type-unknown-at-preview": podCase("Pod", (s) => {
            s.securityContext.seccompProfile = { type: UNKNOWN };
        }),
    },
    fail: {
        "pod-unconfined": failCase("Pod", "securityContext.seccompProfile.type", (s) => {
            s.securityContext.seccompProfile = { type: "Unconfined" };
        }),
        "deployment-container-unconfined": failCase("Deployment", "containers[0].securityContext.seccompProfile.type", (s) => {
            s.containers[0].securityContext.seccompProfile = { type: "Unconfined" };
        }),
        "cronjob-init-container-unconfined": failCase("CronJob", "initContainers[0].securityContext.seccompProfile.type", (s) => {
            s.initContainers[0].securityContext.seccompProfile = { type: "Unconfined" };
        }),
    },
};
