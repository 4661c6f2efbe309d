import { podSecurityPolicy } from "../lib/pss";

/**
 * Sysctls namespaced to the pod and isolated from other pods on the node: the v1.0 set, plus
 * ip_local_reserved_ports (v1.27), the TCP keepalive and fin timeouts (v1.29), the TCP buffer sizes
 * (v1.32), and slow-start-after-idle and not-sent low-water mark (v1.37).
 */
const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
    "net.ipv4.tcp_rmem",
    "net.ipv4.tcp_wmem",
    "net.ipv4.tcp_slow_start_after_idle",
    "net.ipv4.tcp_notsent_lowat",
]);

export default podSecurityPolicy({
    name: "pss-baseline-sysctls",
    description: "Pods may set only the safe, pod-namespaced sysctls (Pod Security Standards v1.37, baseline).",
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { pss: ["baseline/sysctls"], nist800190: ["4.4.3", "4.5.2"], nsaCisa: ["2"] },
    remediation: `Remove from \`securityContext.sysctls\` every sysctl outside the safe set: ${[...SAFE_SYSCTLS].join(", ")}.`,
    check: ({ pod, get, items, report }) => {
        for (const { index, value } of items(pod.spec, "securityContext.sysctls")) {
            const name = get(value, "name");
            if (typeof name === "string" && !SAFE_SYSCTLS.has(name)) {
                report(
                    `${pod.specPath}.securityContext.sysctls[${index}].name must be a safe sysctl, not ${JSON.stringify(name)} ` +
                        "(it is not isolated from other pods on the node; remove it or tune the node instead)",
                );
            }
        }
    },
});
