import { resourcePolicy } from "../../common/policy";
import { isUnknown, previewResource } from "../lib/preview";

const NAMESPACE = "kubernetes:core/v1:Namespace";
const PREFIX = "pod-security.kubernetes.io";
const PINNED = /^v1\.\d+$/;

export default resourcePolicy({
    name: "namespaces-pod-security-restricted",
    description:
        "Every Namespace must enforce, audit and warn on the restricted Pod Security Standard, with the enforced version pinned.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.2.1", "4.2.2", "4.2.3", "4.2.4", "4.2.5"], nist800190: ["4.4.3"], nsaCisa: ["2"] },
    remediation:
        "Label the Namespace `pod-security.kubernetes.io/enforce: restricted`, `.../audit: restricted`, " +
        "`.../warn: restricted`, and pin `pod-security.kubernetes.io/enforce-version: v1.<minor>` so a control-plane " +
        "upgrade does not change what is admitted. Namespaces that must run privileged system pods get an exemption " +
        "with a justification.",
    validate: previewResource((preview, { type, props }, report) => {
        if (type !== NAMESPACE) return;
        const name = preview.read(() => props.metadata?.name);
        // A Namespace's exemptions are scoped by its own name, so `namespaces: [x]` covers the Namespace x too.
        const options = typeof name === "string" ? { namespace: name } : {};
        const labels = preview.read(() => props.metadata?.labels);
        if (isUnknown(labels)) return;
        const label = (key: string) => preview.read(() => (labels ?? {})[key]);
        const problems: string[] = [];
        for (const mode of ["enforce", "audit", "warn"]) {
            const key = `${PREFIX}/${mode}`;
            const value = label(key);
            if (isUnknown(value) || value === "restricted") continue;
            problems.push(`metadata.labels["${key}"] must be "restricted"${value === undefined ? " (unset)" : ` (found "${String(value)}")`}`);
        }
        const versionKey = `${PREFIX}/enforce-version`;
        const version = label(versionKey);
        if (!isUnknown(version) && !(typeof version === "string" && PINNED.test(version))) {
            const found = version === undefined ? "unset, which means latest" : `found "${String(version)}"`;
            problems.push(`metadata.labels["${versionKey}"] must pin a version such as "v1.33" (${found})`);
        }
        for (const p of problems) report(p, options);
    }),
});
