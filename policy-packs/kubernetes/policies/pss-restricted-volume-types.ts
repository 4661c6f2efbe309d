import { isUnknown, podSecurityPolicy } from "../lib/pss";

/** Volume sources that expose nothing of the node or of storage the pod's namespace does not control. */
const ALLOWED_SOURCES = new Set(["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret"]);

export default podSecurityPolicy({
    name: "pss-restricted-volume-types",
    description:
        "Pods may use only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes " +
        "(Pod Security Standards, restricted).",
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { pss: ["restricted/volume-types"], nist800190: ["4.4.3", "4.5.5"], nsaCisa: ["2"] },
    remediation:
        "Replace hostPath, nfs, iscsi, cloud-disk and other inline volume sources with a persistentVolumeClaim (backed by a " +
        "StorageClass or a PersistentVolume the cluster admin manages), or with configMap, secret, emptyDir or projected volumes.",
    check: ({ pod, get, keys, items, report }) => {
        for (const { index, value } of items(pod.spec, "volumes")) {
            const sources = keys(value, "");
            if (isUnknown(sources)) continue;
            let allowed = false;
            const restricted: string[] = [];
            for (const source of sources) {
                if (source === "name") continue;
                const v = get(value, source);
                if (v === undefined || v === null || isUnknown(v)) continue;
                if (ALLOWED_SOURCES.has(source)) allowed = true;
                else restricted.push(source);
            }
            // A volume with no source at all is defaulted to emptyDir by the API server.
            if (allowed || restricted.length === 0) continue;
            const name = get(value, "name");
            const label = typeof name === "string" ? `volume "${name}"` : `volume ${index}`;
            for (const source of restricted) {
                report(
                    `${pod.specPath}.volumes[${index}].${source} must be unset (${label}: restricted pods may use only ` +
                        `${[...ALLOWED_SOURCES].join(", ")} volumes; use a persistentVolumeClaim instead)`,
                );
            }
        }
    },
});
