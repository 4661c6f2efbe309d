import { resourcePolicy } from "../../common/policy";
import { PSA_PREFIX, found, namespaceLabelsOf } from "../lib/pod-security-labels";
import { isUnknown, previewResource } from "../lib/preview";
import { NAMESPACE, NAMESPACE_PATCH } from "../lib/pod-security-labels";

const PINNED = /^v1\.\d+$/;

export default resourcePolicy({
    name: "namespaces-pod-security-restricted",
    types: [NAMESPACE, NAMESPACE_PATCH],
    description:
        "Every Namespace must enforce the restricted Pod Security Standard, with the enforced version pinned; a NamespacePatch " +
        "must not set these labels to anything else.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.2.1", "4.2.2", "4.2.3", "4.2.4", "4.2.5"], nist800190: ["4.4.3"], nsaCisa: ["2"] },
    remediation:
        "Label the Namespace `pod-security.kubernetes.io/enforce: restricted` and pin " +
        "`pod-security.kubernetes.io/enforce-version: v1.<minor>` so a control-plane upgrade does not change what is " +
        "admitted. Namespaces that must run privileged system pods get an exemption with a justification. The `audit` " +
        "and `warn` labels are advised by `namespaces-pod-security-audit-warn`.",
    validate: previewResource((preview, { type, props }, report) => {
        const ns = namespaceLabelsOf(type, props, preview);
        if (!ns) return;
        const enforceKey = `${PSA_PREFIX}/enforce`;
        const enforce = ns.label(enforceKey);
        if (!isUnknown(enforce) && enforce !== "restricted" && !(ns.partial && enforce === undefined)) {
            const what = ns.partial ? "a NamespacePatch must not set" : "must be";
            report(
                ns.partial
                    ? `metadata.labels["${enforceKey}"] ${found(enforce)}: ${what} Pod Security enforcement below "restricted"; set "restricted" or leave it out`
                    : `metadata.labels["${enforceKey}"] ${what} "restricted" ${found(enforce, "unset, so the cluster default applies, privileged unless configured")}`,
                ns.options,
            );
        }
        const versionKey = `${PSA_PREFIX}/enforce-version`;
        const version = ns.label(versionKey);
        if (isUnknown(version) || (typeof version === "string" && PINNED.test(version)) || (ns.partial && version === undefined)) return;
        report(`metadata.labels["${versionKey}"] must pin a version such as "v1.33" ${found(version, "unset, which means latest")}`, ns.options);
    }),
});
