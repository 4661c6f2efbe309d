import { podSecurityPolicy, unmaskedProcMounts } from "../lib/pss";

export default podSecurityPolicy({
    name: "pss-restricted-proc-mount",
    description: "Containers must keep the default masked /proc, even in a user namespace (Pod Security Standards, restricted, v1.35+).",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { pss: ["restricted/proc-mount"], nist800190: ["4.4.3"], nsaCisa: ["2"] },
    remediation: "Remove `securityContext.procMount` from the container or set it to Default.",
    check: (check) => {
        for (const { container, value } of unmaskedProcMounts(check)) {
            check.report(
                `${container.path}.securityContext.procMount must be Default or unset, not ${JSON.stringify(value)} ` +
                    `(${container.label}; restricted allows no other value, even with hostUsers: false; remove it)`,
            );
        }
    },
});
