import { podSecurityPolicy } from "../lib/pss";

export default podSecurityPolicy({
    name: "pss-baseline-privileged",
    description: "Containers must not run privileged (Pod Security Standards, baseline).",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { pss: ["baseline/privileged"], cisEks: ["4.2.1"], nist800190: ["4.4.3"], nsaCisa: ["2"] },
    remediation: "Remove `securityContext.privileged: true` from the container, or set it to false.",
    check: ({ get, containers, report }) => {
        for (const c of containers()) {
            if (get(c.container, "securityContext.privileged") === true) {
                report(`${c.path}.securityContext.privileged must be false or unset (${c.label}; a privileged container has every device and capability of the node)`);
            }
        }
    },
});
