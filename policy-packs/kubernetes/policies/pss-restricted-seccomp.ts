import { isUnknown, podSecurityPolicy } from "../lib/pss";

const VALID = new Set(["RuntimeDefault", "Localhost"]);

export default podSecurityPolicy({
    name: "pss-restricted-seccomp",
    description:
        "A seccomp profile of type RuntimeDefault or Localhost must be set on the pod or on every container " +
        "(Pod Security Standards, restricted; Windows pods are exempt).",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { pss: ["restricted/seccomp"], nist800190: ["4.4.3"], nsaCisa: ["2"] },
    remediation: "Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod (or Localhost with `localhostProfile`), and no other type on any container.",
    check: ({ pod, get, containers, windows, partial, report }) => {
        if (windows() !== false) return;
        const atPod = get(pod.spec, "securityContext.seccompProfile");
        let podSet: boolean | undefined;
        if (isUnknown(atPod)) podSet = undefined;
        else if (atPod === undefined || atPod === null) podSet = false;
        else {
            const type = get(atPod, "type");
            podSet = isUnknown(type) ? undefined : typeof type === "string" && VALID.has(type);
            if (podSet === false) {
                report(`${pod.specPath}.securityContext.seccompProfile.type must be RuntimeDefault or Localhost, not ${JSON.stringify(type ?? "")} (set RuntimeDefault)`);
            }
        }
        for (const c of containers()) {
            const own = get(c.container, "securityContext.seccompProfile");
            if (isUnknown(own)) continue;
            if (own === undefined || own === null) {
                if (podSet === false && !partial) {
                    report(`${c.path}.securityContext.seccompProfile.type must be RuntimeDefault or Localhost (${c.label}; set it on the pod or the container)`);
                }
                continue;
            }
            const type = get(own, "type");
            if (!isUnknown(type) && !(typeof type === "string" && VALID.has(type))) {
                report(`${c.path}.securityContext.seccompProfile.type must be RuntimeDefault or Localhost, not ${JSON.stringify(type ?? "")} (${c.label}; set RuntimeDefault)`);
            }
        }
    },
});
