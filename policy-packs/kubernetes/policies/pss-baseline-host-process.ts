import { podSecurityPolicy } from "../lib/pss";

const FIX = "HostProcess containers run as the Windows node itself; run a regular Windows container";

export default podSecurityPolicy({
    name: "pss-baseline-host-process",
    description: "Pods and containers must not run as Windows HostProcess containers (Pod Security Standards, baseline).",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { pss: ["baseline/host-process"], nist800190: ["4.4.3", "4.5.2"], nsaCisa: ["2"] },
    remediation: "Remove `securityContext.windowsOptions.hostProcess: true` from the pod and from every container, or set it to false.",
    check: ({ pod, get, containers, report }) => {
        if (get(pod.spec, "securityContext.windowsOptions.hostProcess") === true) {
            report(`${pod.specPath}.securityContext.windowsOptions.hostProcess must be false or unset (${FIX})`);
        }
        for (const c of containers()) {
            if (get(c.container, "securityContext.windowsOptions.hostProcess") === true) {
                report(`${c.path}.securityContext.windowsOptions.hostProcess must be false or unset (${c.label}; ${FIX})`);
            }
        }
    },
});
