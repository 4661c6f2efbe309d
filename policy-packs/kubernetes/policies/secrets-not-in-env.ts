import { resourcePolicy } from "../../common/policy";
import { containersOf, podOf } from "../lib/containers";
import { isUnknown, previewResource } from "../lib/preview";
import { POD_TYPES } from "../lib/workloads";

export default resourcePolicy({
    name: "secrets-not-in-env",
    types: POD_TYPES,
    description: "Secrets must reach containers as mounted files, not as environment variables.",
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.4.1"], nist800190: ["4.4.3"], nsaCisa: ["2"] },
    remediation:
        "Mount the Secret as a volume (`volumes[].secret` plus `volumeMounts`) and have the process read the file, " +
        "instead of `env[].valueFrom.secretKeyRef` or `envFrom[].secretRef`. Environment variables leak through logs, " +
        "crash dumps and child processes.",
    validate: previewResource((preview, { type, props }, report) => {
        const pod = podOf(type, props, preview);
        if (!pod) return;
        for (const c of containersOf(pod, preview)) {
            for (const { index, value: env } of preview.items(() => c.container.env)) {
                const ref = preview.read(() => env?.valueFrom?.secretKeyRef);
                if (isUnknown(ref) || ref === undefined || ref === null) continue;
                const name = preview.read(() => env.name);
                const label = typeof name === "string" ? ` ("${name}")` : "";
                report(`${c.path}.env[${index}].valueFrom.secretKeyRef${label} must not be used (${c.label}); mount the Secret as a file`);
            }
            for (const { index, value: source } of preview.items(() => c.container.envFrom)) {
                const ref = preview.read(() => source?.secretRef);
                if (isUnknown(ref) || ref === undefined || ref === null) continue;
                report(`${c.path}.envFrom[${index}].secretRef must not be used (${c.label}); mount the Secret as a file`);
            }
        }
    }),
});
