import { podSecurityPolicy } from "../lib/pss";

export default podSecurityPolicy({
    name: "pss-restricted-privilege-escalation",
    description:
        "Every Linux container must set allowPrivilegeEscalation to false (Pod Security Standards, restricted; Windows pods are exempt).",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { pss: ["restricted/privilege-escalation"], cisEks: ["4.2.5"], nist800190: ["4.4.3"], nsaCisa: ["2"] },
    remediation: "Set `securityContext.allowPrivilegeEscalation: false` on every container, init container and ephemeral container.",
    check: ({ get, containers, windows, partial, report }) => {
        // Windows has no setuid binaries nor no_new_privs: the field means nothing there.
        if (windows() !== false) return;
        for (const c of containers()) {
            const value = get(c.container, "securityContext.allowPrivilegeEscalation");
            if (value === true || ((value === undefined || value === null) && !partial)) {
                const now = value === true ? "it is true" : "it is unset, and the runtime allows escalation by default";
                report(`${c.path}.securityContext.allowPrivilegeEscalation must be false (${c.label}: ${now}; set it to false)`);
            }
        }
    },
});
