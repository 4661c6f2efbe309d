import { resourcePolicy } from "../../common/policy";
import { effectiveNamespace, scopeOf } from "../lib/namespaces";
import { isUnknown, previewResource } from "../lib/preview";

const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";

export default resourcePolicy({
    name: "workloads-not-in-default-namespace",
    types: ["kubernetes:*"],
    description: "Namespaced objects must not live in the default namespace, explicitly or by leaving the namespace unset.",
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["4.5.2", "4.5.1"], nist800190: ["4.3.4"], nsaCisa: ["3"] },
    remediation:
        "Create a dedicated Namespace for the workload and set `metadata.namespace` to it (or set `namespace` on the " +
        "Kubernetes provider the resources use). An unset namespace lands in the provider's namespace, else `default`.",
    validate: previewResource((preview, { type, props, args }, report) => {
        if (type === HELM_RELEASE) {
            const ns = preview.read(() => props.namespace);
            if (isUnknown(ns)) return;
            if (ns === undefined || ns === "" || ns === "default") {
                report('namespace must name a dedicated namespace, not "default" (the release installs there when it is unset)', {
                    namespace: "default",
                });
            }
            return;
        }
        const scope = scopeOf(type);
        if (scope === undefined || scope === "cluster") return;
        if (scope === "unknown") {
            // A custom resource may be cluster-scoped; only an explicit "default" is known to be wrong.
            const own = preview.read(() => props.metadata?.namespace);
            if (own === "default") report('metadata.namespace must not be "default"; use a dedicated namespace');
            return;
        }
        const { namespace, source } = effectiveNamespace(props, args.provider, preview);
        if (isUnknown(namespace) || namespace !== "default") return;
        const why =
            source === "object"
                ? 'metadata.namespace must not be "default"'
                : source === "provider"
                  ? 'metadata.namespace is unset and the provider\'s namespace is "default"'
                  : "metadata.namespace is unset, so the object lands in the default namespace (the provider sets none)";
        report(`${why}; set metadata.namespace to a dedicated namespace`, { namespace: "default" });
    }),
});
