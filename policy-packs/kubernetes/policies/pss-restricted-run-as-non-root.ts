import { isUnknown, podSecurityPolicy } from "../lib/pss";

export default podSecurityPolicy({
    name: "pss-restricted-run-as-non-root",
    description:
        "Containers must run with runAsNonRoot true, set on the pod or on each container (Pod Security Standards, restricted; " +
        "pods in a user namespace are exempt).",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { pss: ["restricted/run-as-non-root"], nist800190: ["4.4.3"], nsaCisa: ["2"] },
    remediation:
        "Set `securityContext.runAsNonRoot: true` on the pod (or on every container), remove any `runAsNonRoot: false`, and run " +
        "the image as a non-zero user; or run the pod in a user namespace with `hostUsers: false`.",
    check: ({ pod, get, containers, userNamespaced, partial, report }) => {
        // In a user namespace, root in the container maps to an unprivileged user on the node.
        if (userNamespaced() !== false) return;
        const atPod = get(pod.spec, "securityContext.runAsNonRoot");
        if (atPod === false) {
            report(`${pod.specPath}.securityContext.runAsNonRoot must be true, not false (set it to true)`);
        }
        for (const c of containers()) {
            const own = get(c.container, "securityContext.runAsNonRoot");
            if (own === false) {
                report(`${c.path}.securityContext.runAsNonRoot must be true, not false (${c.label}; set it to true or remove it)`);
            } else if ((own === undefined || own === null) && atPod !== true && !isUnknown(atPod) && !partial) {
                report(`${c.path}.securityContext.runAsNonRoot must be true (${c.label}; set it on the pod or the container)`);
            }
        }
    },
});
