import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { failCase, podCase } from "../lib/pods.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "http-probe-without-host": podCase("Pod", (s) => {
            s.containers[0].livenessProbe = { httpGet: { path: "/healthz", port: 8080 } };
        }),
        "tcp-probe-and-hook-without-host": podCase("Deployment", (s) => {
            s.containers[0].readinessProbe = { tcpSocket: { port: 8080 } };
            s.containers[0].lifecycle = { preStop: { httpGet: { path: "/drain", port: 8080 } } };
        }),
        "probe-host-unknown-at-preview": podCase("Pod", (s) => {
            s.containers[0].livenessProbe = { httpGet: { host: UNKNOWN, port: 8080 } };
        }),
    },
    fail: {
        "pod-liveness-probe-host": failCase("Pod", "containers[0].livenessProbe.httpGet.host", (s) => {
            s.containers[0].livenessProbe = { httpGet: { host: "metadata.internal", port: 80 } };
        }),
        "deployment-sidecar-readiness-tcp-host": failCase("Deployment", "initContainers[0].readinessProbe.tcpSocket.host", (s) => {
            Object.assign(s.initContainers[0], { restartPolicy: "Always", readinessProbe: { tcpSocket: { host: "10.0.0.1", port: 5432 } } });
        }),
        "cronjob-post-start-hook-host": failCase("CronJob", "containers[0].lifecycle.postStart.httpGet.host", (s) => {
            s.containers[0].lifecycle = { postStart: { httpGet: { host: "127.0.0.1", port: 8080 } } };
        }),
        "statefulset-startup-probe-host": failCase("StatefulSet", "containers[0].startupProbe.httpGet.host", (s) => {
            s.containers[0].startupProbe = { httpGet: { host: "::1", port: 8080 } };
        }),
    },
};
