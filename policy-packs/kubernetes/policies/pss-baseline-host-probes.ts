import { podSecurityPolicy } from "../lib/pss";

const HANDLERS = [
    "livenessProbe.httpGet",
    "livenessProbe.tcpSocket",
    "readinessProbe.httpGet",
    "readinessProbe.tcpSocket",
    "startupProbe.httpGet",
    "startupProbe.tcpSocket",
    "lifecycle.postStart.httpGet",
    "lifecycle.postStart.tcpSocket",
    "lifecycle.preStop.httpGet",
    "lifecycle.preStop.tcpSocket",
] as const;

export default podSecurityPolicy({
    name: "pss-baseline-host-probes",
    description: "Probes and lifecycle hooks must not target another host (Pod Security Standards, baseline, v1.34+).",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { pss: ["baseline/host-probes"], nist800190: ["4.4.2", "4.4.3"], nsaCisa: ["2", "3"] },
    remediation:
        "Remove `host` from every `httpGet` and `tcpSocket` of liveness, readiness and startup probes and of postStart/preStop hooks: " +
        "the kubelet then targets the pod's own IP.",
    check: ({ get, containers, report }) => {
        for (const c of containers()) {
            for (const handler of HANDLERS) {
                const host = get(c.container, `${handler}.host`);
                if (typeof host === "string" && host !== "") {
                    report(
                        `${c.path}.${handler}.host must be unset (${c.label} points the kubelet at "${host}"; ` +
                            "remove it so the kubelet targets the pod's own IP)",
                    );
                }
            }
        }
    },
});
