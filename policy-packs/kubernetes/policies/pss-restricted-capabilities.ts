import { capabilitySpelling, isUnknown, podSecurityPolicy, quoted } from "../lib/pss";

export default podSecurityPolicy({
    name: "pss-restricted-capabilities",
    description:
        "Every Linux container must drop ALL capabilities and may add back only NET_BIND_SERVICE (Pod Security Standards, restricted; " +
        "Windows pods are exempt).",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { pss: ["restricted/capabilities"], nist800190: ["4.4.3"], nsaCisa: ["2"] },
    remediation:
        'Set `securityContext.capabilities.drop: ["ALL"]` on every container, and remove from `capabilities.add` everything but NET_BIND_SERVICE. ' +
        'Names are case-sensitive: `"all"` does not drop ALL.',
    check: ({ list, containers, windows, partial, report }) => {
        if (windows() !== false) return;
        for (const c of containers()) {
            const dropped = list(c.container, "securityContext.capabilities.drop");
            if (!isUnknown(dropped) && !dropped?.includes("ALL") && !dropped?.some(isUnknown) && !(partial && dropped === undefined)) {
                report(
                    `${c.path}.securityContext.capabilities.drop must include "ALL" (${c.label}; add "ALL" to the list` +
                        `${capabilitySpelling(dropped ?? [], ["ALL"])})`,
                );
            }
            const added = list(c.container, "securityContext.capabilities.add");
            if (isUnknown(added) || added === undefined) continue;
            const bad = added.filter((cap): cap is string => typeof cap === "string" && cap !== "NET_BIND_SERVICE");
            if (bad.length > 0) {
                report(
                    `${c.path}.securityContext.capabilities.add may include only "NET_BIND_SERVICE", not ${quoted(bad)} ` +
                        `(${c.label}; remove them${capabilitySpelling(bad, ["NET_BIND_SERVICE"])})`,
                );
            }
        }
    },
});
