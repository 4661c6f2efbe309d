import { podSecurityPolicy } from "../lib/pss";

export default podSecurityPolicy({
    name: "pss-restricted-run-as-user",
    description: "Pods and containers must not set runAsUser to 0 (Pod Security Standards, restricted; pods in a user namespace are exempt).",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { pss: ["restricted/run-as-user"], nist800190: ["4.4.3"], nsaCisa: ["2"] },
    remediation: "Set `securityContext.runAsUser` to a non-zero UID (or remove it) on the pod and every container; or run the pod with `hostUsers: false`.",
    check: ({ pod, get, containers, userNamespaced, report }) => {
        // In a user namespace, UID 0 in the container maps to an unprivileged user on the node.
        if (userNamespaced() !== false) return;
        if (get(pod.spec, "securityContext.runAsUser") === 0) {
            report(`${pod.specPath}.securityContext.runAsUser must not be 0 (use a non-zero UID, or remove it)`);
        }
        for (const c of containers()) {
            if (get(c.container, "securityContext.runAsUser") === 0) {
                report(`${c.path}.securityContext.runAsUser must not be 0 (${c.label}; use a non-zero UID, or remove it)`);
            }
        }
    },
});
