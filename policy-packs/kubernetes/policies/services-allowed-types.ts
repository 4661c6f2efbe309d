import { resourcePolicy } from "../../common/policy";
import { effectiveNamespace } from "../lib/namespaces";
import { isUnknown, previewResource } from "../lib/preview";

const SERVICE = "kubernetes:core/v1:Service";
const TYPES = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"];

interface Config {
    readonly allowedServiceTypes: readonly string[];
    readonly allowedServiceTypesByNamespace: Readonly<Record<string, readonly string[]>>;
}

export default resourcePolicy<Config>({
    name: "services-allowed-types",
    description: "Services may only use the allowed types (ClusterIP by default): no NodePort or LoadBalancer exposure unless configured.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.4.2", "4.3.3"], nsaCisa: ["3", "4"] },
    remediation:
        "Use `spec.type: ClusterIP` and expose HTTP through an Ingress with TLS. If a namespace must expose a load " +
        "balancer or node port, allow the type for that namespace in `allowedServiceTypesByNamespace`.",
    config: {
        allowedServiceTypes: {
            type: "array",
            items: { type: "string", enum: TYPES },
            uniqueItems: true,
            default: ["ClusterIP"],
            description: "Service types allowed in every namespace.",
        },
        allowedServiceTypesByNamespace: {
            type: "object",
            additionalProperties: { type: "array", items: { type: "string", enum: TYPES }, uniqueItems: true },
            default: {},
            description: "Per-namespace allowed types; for a namespace listed here they replace allowedServiceTypes.",
        },
    },
    validate: previewResource<Config>((preview, { type, props, config, args }, report) => {
        if (type !== SERVICE) return;
        const raw = preview.read(() => props.spec?.type);
        if (isUnknown(raw)) return;
        const serviceType = raw ?? "ClusterIP";
        const { namespace } = effectiveNamespace(props, args.provider, preview);
        const byNamespace = config.allowedServiceTypesByNamespace ?? {};
        const global = config.allowedServiceTypes ?? ["ClusterIP"];
        if (isUnknown(namespace)) {
            // Decided during the update unless no namespace could allow it.
            if (global.includes(serviceType) || Object.values(byNamespace).some((t) => t.includes(serviceType))) return;
            report(`spec.type "${serviceType}" is not allowed (allowed: ${global.join(", ") || "none"}); use ClusterIP behind an Ingress`);
            return;
        }
        const allowed = Object.prototype.hasOwnProperty.call(byNamespace, namespace) ? byNamespace[namespace] : global;
        if (allowed.includes(serviceType)) return;
        report(
            `spec.type "${serviceType}" is not allowed in namespace "${namespace}" (allowed: ${allowed.join(", ") || "none"}); ` +
                "use ClusterIP behind an Ingress, or allow the type for this namespace in allowedServiceTypesByNamespace",
            { namespace },
        );
    }),
});
