import { podSecurityPolicy } from "../lib/pss";

export default podSecurityPolicy({
    name: "pss-baseline-host-ports",
    description: "Containers must not bind ports on the node (Pod Security Standards, baseline).",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { pss: ["baseline/host-ports"], nist800190: ["4.4.2", "4.4.3"], nsaCisa: ["2", "3"] },
    remediation: "Remove `hostPort` from every container port (or set it to 0) and expose the port through a Service.",
    check: ({ get, items, containers, report }) => {
        for (const c of containers()) {
            for (const { index, value } of items(c.container, "ports")) {
                const hostPort = get(value, "hostPort");
                if (typeof hostPort === "number" && hostPort !== 0) {
                    report(`${c.path}.ports[${index}].hostPort must be unset or 0 (${c.label} binds node port ${hostPort}; expose it through a Service)`);
                }
            }
        }
    },
});
