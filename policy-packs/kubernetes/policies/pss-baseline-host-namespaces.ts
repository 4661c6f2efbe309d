import { podSecurityPolicy } from "../lib/pss";

const NAMESPACES = [
    { field: "hostNetwork", what: "the node's network namespace" },
    { field: "hostPID", what: "the node's process namespace" },
    { field: "hostIPC", what: "the node's IPC namespace" },
] as const;

export default podSecurityPolicy({
    name: "pss-baseline-host-namespaces",
    description: "Pods must not share the node's network, process or IPC namespaces (Pod Security Standards, baseline).",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { pss: ["baseline/host-namespaces"], cisEks: ["4.2.2", "4.2.3", "4.2.4"], nist800190: ["4.4.3"], nsaCisa: ["2"] },
    remediation: "Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec, or set them to false.",
    check: ({ pod, get, report }) => {
        for (const { field, what } of NAMESPACES) {
            if (get(pod.spec, field) === true) {
                report(`${pod.specPath}.${field} must be false or unset (it shares ${what} with the pod; remove it)`);
            }
        }
    },
});
