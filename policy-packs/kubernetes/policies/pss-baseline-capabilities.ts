import { capabilitySpelling, podSecurityPolicy, quoted } from "../lib/pss";

/** The container runtime's default set: adding one of these back changes nothing. */
const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
    "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
    "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
]);

export default podSecurityPolicy({
    name: "pss-baseline-capabilities",
    description: "Containers may add only capabilities of the runtime's default set (Pod Security Standards, baseline).",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { pss: ["baseline/capabilities"], nist800190: ["4.4.3"], nsaCisa: ["2"] },
    remediation:
        "Remove from `securityContext.capabilities.add` every capability outside AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, " +
        "KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT (names are upper-case, without the CAP_ prefix).",
    check: ({ list, containers, report }) => {
        for (const c of containers()) {
            const added = list(c.container, "securityContext.capabilities.add");
            if (!Array.isArray(added)) continue;
            const bad = added.filter((cap): cap is string => typeof cap === "string" && !BASELINE_CAPABILITIES.has(cap));
            if (bad.length > 0) {
                report(
                    `${c.path}.securityContext.capabilities.add must not include ${quoted(bad)} (${c.label}; ` +
                        `only the runtime's default capabilities may be added, spelled upper-case without CAP_; remove them` +
                        `${capabilitySpelling(bad, [...BASELINE_CAPABILITIES])})`,
                );
            }
        }
    },
});
