import { resourcePolicy } from "../../common/policy";
import { containersOf, podOf } from "../lib/containers";
import { isUnknown, previewResource } from "../lib/preview";

export default resourcePolicy({
    name: "containers-read-only-root-filesystem",
    description: "Every container must run with a read-only root filesystem.",
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.4.3", "4.5.5"], nsaCisa: ["2"] },
    remediation:
        "Set `securityContext.readOnlyRootFilesystem: true` on each container, and mount an `emptyDir` volume at the " +
        "paths the process writes to (e.g. /tmp).",
    validate: previewResource((preview, { type, props }, report) => {
        const pod = podOf(type, props, preview);
        if (!pod) return;
        for (const c of containersOf(pod, preview)) {
            const value = preview.read(() => c.container.securityContext?.readOnlyRootFilesystem);
            if (isUnknown(value) || value === true) continue;
            report(`${c.path}.securityContext.readOnlyRootFilesystem must be true (${c.label}); mount an emptyDir where it writes`);
        }
    }),
});
