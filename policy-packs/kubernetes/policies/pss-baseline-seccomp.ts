import { podSecurityPolicy } from "../lib/pss";

const FIX = "use RuntimeDefault, or Localhost with localhostProfile";

export default podSecurityPolicy({
    name: "pss-baseline-seccomp",
    description: "Seccomp must not be disabled: no profile of type Unconfined (Pod Security Standards, baseline).",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { pss: ["baseline/seccomp"], nist800190: ["4.4.3"], nsaCisa: ["2"] },
    remediation: "Set `securityContext.seccompProfile.type` to RuntimeDefault or Localhost on the pod and its containers, never Unconfined.",
    check: ({ pod, get, containers, report }) => {
        if (get(pod.spec, "securityContext.seccompProfile.type") === "Unconfined") {
            report(`${pod.specPath}.securityContext.seccompProfile.type must not be Unconfined (${FIX})`);
        }
        for (const c of containers()) {
            if (get(c.container, "securityContext.seccompProfile.type") === "Unconfined") {
                report(`${c.path}.securityContext.seccompProfile.type must not be Unconfined (${c.label}; ${FIX})`);
            }
        }
    },
});
