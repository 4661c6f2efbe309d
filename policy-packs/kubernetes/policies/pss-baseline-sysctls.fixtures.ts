import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { failCase, podCase } from "../lib/pods.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "no-sysctls": podCase("Pod"),
        "safe-sysctls-through-v1-37": podCase("Deployment", (s) => {
            s.securityContext.sysctls = [
                { name: "net.ipv4.ip_unprivileged_port_start", value: "0" },
                { name: "net.ipv4.tcp_keepalive_time", value: "60" },
                { name: "net.ipv4.tcp_rmem", value: "4096 87380 6291456" },
                { name: "net.ipv4.tcp_notsent_lowat", value: "16384" },
            ];
        }),
        "sysctl-name-unknown-at-preview": podCase("Pod", (s) => {
            s.securityContext.sysctls = [{ name: UNKNOWN, value: "1" }];
        }),
    },
    fail: {
        "pod-unsafe-sysctl": failCase("Pod", "securityContext.sysctls[1].name", (s) => {
            s.securityContext.sysctls = [
                { name: "net.ipv4.tcp_syncookies", value: "1" },
                { name: "kernel.msgmax", value: "65536" },
            ];
        }),
        "statefulset-node-wide-sysctl": failCase("StatefulSet", "securityContext.sysctls[0].name", (s) => {
            s.securityContext.sysctls = [{ name: "vm.max_map_count", value: "262144" }];
        }),
    },
};
