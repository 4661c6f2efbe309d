import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { failCase, podCase } from "../lib/pods.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "drop-all": podCase("Pod"),
        "drop-all-add-net-bind-service": podCase("Deployment", (s) => {
            s.containers[0].securityContext.capabilities.add = ["NET_BIND_SERVICE"];
        }),
        "windows-pod-is-exempt": podCase("Pod", (s) => {
            s.os = { name: "windows" };
            delete s.containers[0].securityContext;
        }),
        "drop-list-unknown-at-preview": podCase("Pod", (s) => {
            s.containers[0].securityContext.capabilities.drop = UNKNOWN;
        }),
        "patch-that-leaves-them-to-the-live-object": podCase("DeploymentPatch", (s) => {
            delete s.containers[0].securityContext.capabilities;
        }),
    },
    fail: {
        "pod-drops-nothing": failCase("Pod", "containers[0].securityContext.capabilities.drop", (s) => {
            delete s.containers[0].securityContext.capabilities;
        }),
        "deployment-drops-a-list-instead-of-all": failCase("Deployment", "initContainers[0].securityContext.capabilities.drop", (s) => {
            s.initContainers[0].securityContext.capabilities.drop = ["NET_RAW", "SYS_ADMIN"];
        }),
        "job-adds-chown": failCase("Job", "containers[0].securityContext.capabilities.add", (s) => {
            s.containers[0].securityContext.capabilities.add = ["NET_BIND_SERVICE", "CHOWN"];
        }),
        "lower-case-all-is-not-all": {
            ...failCase("CronJob", "containers[0].securityContext.capabilities.drop", (s) => {
                s.containers[0].securityContext.capabilities.drop = ["all"];
            }),
            expect: 'capability names are case-sensitive and have no CAP_ prefix: "all" is not "ALL"',
        },
        "lower-case-net-bind-service-is-not-allowed": {
            ...failCase("Deployment", "containers[0].securityContext.capabilities.add", (s) => {
                s.containers[0].securityContext.capabilities.add = ["net_bind_service"];
            }),
            expect: '"net_bind_service" is not "NET_BIND_SERVICE"',
        },
        "patch-that-replaces-the-drop-list": failCase("DeploymentPatch", "containers[0].securityContext.capabilities.drop", (s) => {
            s.containers[0].securityContext.capabilities.drop = ["NET_RAW"];
        }),
    },
};
