import { resourcePolicy } from "../../common/policy";
import { containersOf, podOf } from "../lib/containers";
import { isUnknown, previewResource } from "../lib/preview";
import { POD_TYPES } from "../lib/workloads";

export default resourcePolicy({
    name: "containers-read-only-root-filesystem",
    types: POD_TYPES,
    description: "Every container of a Linux pod must run with a read-only root filesystem.",
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.4.3", "4.5.5"], nsaCisa: ["2"] },
    remediation:
        "Set `securityContext.readOnlyRootFilesystem: true` on each container, and mount an `emptyDir` volume at the " +
        "paths the process writes to (e.g. /tmp). Windows pods (`spec.os.name: windows`) are not checked: the API " +
        "rejects the field on them.",
    validate: previewResource((preview, { type, props }, report) => {
        const pod = podOf(type, props, preview);
        if (!pod) return;
        // The Kubernetes API rejects readOnlyRootFilesystem on a pod whose spec.os.name is windows.
        const os = preview.read(() => pod.spec.os?.name);
        if (isUnknown(os) || os === "windows") return;
        for (const c of containersOf(pod, preview)) {
            const value = preview.read(() => c.container.securityContext?.readOnlyRootFilesystem);
            if (isUnknown(value) || value === true) continue;
            // A patch that leaves the flag out leaves it to the live object.
            if (pod.partial && (value === undefined || value === null)) continue;
            report(`${c.path}.securityContext.readOnlyRootFilesystem must be true (${c.label}); mount an emptyDir where it writes`);
        }
    }),
});
