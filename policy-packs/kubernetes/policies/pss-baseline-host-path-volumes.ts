import { podSecurityPolicy } from "../lib/pss";

export default podSecurityPolicy({
    name: "pss-baseline-host-path-volumes",
    description: "Pods must not mount hostPath volumes (Pod Security Standards, baseline).",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { pss: ["baseline/host-path-volumes"], nist800190: ["4.4.3", "4.5.5"], nsaCisa: ["2"] },
    remediation: "Replace each `hostPath` volume with a persistentVolumeClaim, configMap, secret, emptyDir or projected volume.",
    check: ({ pod, get, items, report }) => {
        for (const { index, value } of items(pod.spec, "volumes")) {
            const hostPath = get(value, "hostPath");
            if (hostPath !== undefined && hostPath !== null && typeof hostPath === "object") {
                const name = get(value, "name");
                const label = typeof name === "string" ? `volume "${name}"` : `volume ${index}`;
                report(
                    `${pod.specPath}.volumes[${index}].hostPath must be unset (${label} mounts the node's file system; ` +
                        "use a persistentVolumeClaim, configMap, secret or emptyDir volume)",
                );
            }
        }
    },
});
