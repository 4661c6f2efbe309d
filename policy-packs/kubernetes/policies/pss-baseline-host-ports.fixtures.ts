import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { failCase, podCase } from "../lib/pods.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "container-port-only": podCase("Pod", (s) => {
            s.containers[0].ports = [{ containerPort: 8080 }];
        }),
        "host-port-zero": podCase("Deployment", (s) => {
            s.containers[0].ports = [{ containerPort: 8080, hostPort: 0 }];
        }),
        "host-port-unknown-at-preview": podCase("Pod", (s) => {
            s.containers[0].ports = [{ containerPort: 8080, hostPort: UNKNOWN }];
        }),
    },
    fail: {
        "pod-host-port": failCase("Pod", "containers[0].ports[1].hostPort", (s) => {
            s.containers[0].ports = [{ containerPort: 9090 }, { containerPort: 8080, hostPort: 8080 }];
        }),
        "daemonset-init-container-host-port": failCase("DaemonSet", "initContainers[0].ports[0].hostPort", (s) => {
            s.initContainers[0].ports = [{ containerPort: 53, hostPort: 53, protocol: "UDP" }];
        }),
        "replicaset-host-port": failCase("ReplicaSet", "containers[0].ports[0].hostPort", (s) => {
            s.containers[0].ports = [{ containerPort: 443, hostPort: 443 }];
        }),
    },
};
