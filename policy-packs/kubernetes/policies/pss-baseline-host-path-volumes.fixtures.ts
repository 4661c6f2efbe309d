import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { failCase, podCase } from "../lib/pods.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "no-volumes": podCase("Pod"),
        "empty-dir-and-pvc": podCase("Deployment", (s) => {
            s.volumes = [{ name: "scratch", emptyDir: {} }, { name: "data", persistentVolumeClaim: { claimName: "data" } }];
        }),
        "volume-unknown-at-preview": podCase("Pod", (s) => {
            s.volumes = [UNKNOWN];
        }),
    },
    fail: {
        "pod-host-path": failCase("Pod", "volumes[1].hostPath", (s) => {
            s.volumes = [{ name: "scratch", emptyDir: {} }, { name: "host", hostPath: { path: "/var/run/docker.sock" } }];
        }),
        "daemonset-host-path": failCase("DaemonSet", "volumes[0].hostPath", (s) => {
            s.volumes = [{ name: "logs", hostPath: { path: "/var/log" } }];
        }),
        "job-host-path-with-unknown-path": failCase("Job", "volumes[0].hostPath", (s) => {
            s.volumes = [{ name: "host", hostPath: { path: UNKNOWN } }];
        }),
    },
};
