import { isUnknown, podSecurityPolicy, unmaskedProcMounts } from "../lib/pss";

export default podSecurityPolicy({
    name: "pss-baseline-proc-mount",
    description:
        "Containers must keep the default masked /proc, unless the pod runs in a user namespace (Pod Security Standards, baseline, v1.35+).",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { pss: ["baseline/proc-mount"], nist800190: ["4.4.3"], nsaCisa: ["2"] },
    remediation: "Remove `securityContext.procMount` from the container or set it to Default; Unmasked is allowed only with `hostUsers: false`.",
    check: (check) => {
        const userNamespaced = check.userNamespaced();
        // A user-namespaced pod's unmasked /proc shows only its own namespace.
        if (userNamespaced === true) return;
        for (const { container, value } of unmaskedProcMounts(check)) {
            if (isUnknown(userNamespaced)) continue;
            check.report(
                `${container.path}.securityContext.procMount must be Default or unset, not ${JSON.stringify(value)} ` +
                    `(${container.label}; remove it, or run the pod in a user namespace with ${check.pod.specPath}.hostUsers: false)`,
            );
        }
    },
});
