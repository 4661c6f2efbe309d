import { resourcePolicy } from "../../common/policy";
import { podTemplateOf } from "../lib/workloads";

const CONTAINER_LISTS = ["initContainers", "containers", "ephemeralContainers"] as const;

export default resourcePolicy({
    name: "pss-baseline-privileged",
    description: "Containers must not run privileged (Pod Security Standards, baseline).",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { pss: ["baseline/privileged"], cisEks: ["4.2.1"], nist800190: ["4.4.3"], nsaCisa: ["2"] },
    remediation: "Remove `securityContext.privileged: true` from the container, or set it to false.",
    validate: ({ type, props }, report) => {
        const pod = podTemplateOf(type, props);
        if (!pod) return;
        for (const list of CONTAINER_LISTS) {
            (pod.spec[list] ?? []).forEach((c: any, i: number) => {
                if (c.securityContext?.privileged === true) {
                    report(`${pod.specPath}.${list}[${i}].securityContext.privileged must be false or unset (container "${c.name}")`);
                }
            });
        }
    },
});
