import { resourcePolicy } from "../../common/policy";
import { PSA_PREFIX, found, namespaceLabelsOf } from "../lib/pod-security-labels";
import { isUnknown, previewResource } from "../lib/preview";
import { NAMESPACE, NAMESPACE_PATCH } from "../lib/pod-security-labels";

/** What each mode gives: enforcement is the control, these make its effect visible. */
const MODES = {
    audit: "pods that break restricted are not marked in the audit log",
    warn: "kubectl users are not warned when a pod breaks restricted",
} as const;

export default resourcePolicy({
    name: "namespaces-pod-security-audit-warn",
    types: [NAMESPACE, NAMESPACE_PATCH],
    description:
        "Every Namespace should also audit and warn on the restricted Pod Security Standard, so that what enforcement would " +
        "refuse (or what an exempted namespace lets through) is visible.",
    severity: "low",
    enforcementLevel: "advisory",
    controls: { nist800190: ["4.4.3"], nsaCisa: ["2", "6"] },
    remediation:
        "Label the Namespace `pod-security.kubernetes.io/audit: restricted` and `pod-security.kubernetes.io/warn: restricted`. " +
        "`audit-version`/`warn-version` may stay on `latest`, to hear early about the next version. Enforcement itself is " +
        "the mandatory `namespaces-pod-security-restricted`.",
    validate: previewResource((preview, { type, props }, report) => {
        const ns = namespaceLabelsOf(type, props, preview);
        if (!ns) return;
        for (const [mode, without] of Object.entries(MODES)) {
            const key = `${PSA_PREFIX}/${mode}`;
            const value = ns.label(key);
            if (isUnknown(value) || value === "restricted" || (ns.partial && value === undefined)) continue;
            report(`metadata.labels["${key}"] should be "restricted" ${found(value)}: otherwise ${without}`, ns.options);
        }
    }),
});
