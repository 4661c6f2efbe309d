import { resourcePolicy } from "../../common/policy";
import { podOf } from "../lib/containers";
import { isUnknown, previewResource } from "../lib/preview";
import { POD_TYPES } from "../lib/workloads";

export default resourcePolicy({
    name: "pods-no-automount-service-account-token",
    types: POD_TYPES,
    description:
        "Pods must not mount a service-account token unless they ask for one: automountServiceAccountToken must be set, false by default.",
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.1.6"], nist800190: ["4.3.2"], nsaCisa: ["2"] },
    remediation:
        "Set `automountServiceAccountToken: false` in the pod spec. A pod that calls the Kubernetes API opts in by setting " +
        "it to `true` explicitly in the pod spec (reviewable in code), with a dedicated service account bound to a least-privilege Role.",
    validate: previewResource((preview, { type, props }, report) => {
        const pod = podOf(type, props, preview);
        // A patch that leaves the field out leaves it to the live object; one that sets it sets true or false.
        if (!pod || pod.partial) return;
        const value = preview.read(() => pod.spec.automountServiceAccountToken);
        // Explicit true is the opt-in; only an unset field silently inherits the service account's default (mount).
        if (isUnknown(value) || typeof value === "boolean") return;
        report(
            `${pod.specPath}.automountServiceAccountToken must be set: false (recommended), or true to opt in explicitly ` +
                "when the pod calls the Kubernetes API; unset, the token is mounted by default",
        );
    }),
});
