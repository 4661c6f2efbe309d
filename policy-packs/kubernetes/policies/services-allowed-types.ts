import { resourcePolicy } from "../../common/policy";
import { effectiveNamespace } from "../lib/namespaces";
import { isUnknown, previewResource } from "../lib/preview";
import { SERVICE, SERVICE_PATCH, internetFacing, sourceRanges, worldRanges } from "../lib/services";

const TYPES = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"];

interface Config {
    readonly allowedServiceTypes: readonly string[];
    readonly allowedServiceTypesByNamespace: Readonly<Record<string, readonly string[]>>;
    readonly publicLoadBalancerNamespaces: readonly string[];
}

export default resourcePolicy<Config>({
    name: "services-allowed-types",
    types: [SERVICE, SERVICE_PATCH],
    description:
        "Services may only be reachable from outside the cluster as allowed: only the allowed types (ClusterIP by default), " +
        "no externalIPs, and no internet-facing load balancer open to every address outside the namespaces that serve the public.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.4.2", "4.3.3"], nsaCisa: ["3", "4"] },
    remediation:
        "Use `spec.type: ClusterIP` and expose HTTP through an Ingress with TLS. If a namespace must expose a load " +
        "balancer or node port, allow the type for that namespace in `allowedServiceTypesByNamespace`. Remove " +
        "`spec.externalIPs` (any node then answers for those addresses). Make a load balancer internal " +
        "(`service.beta.kubernetes.io/aws-load-balancer-scheme: internal`) or list its clients in " +
        "`spec.loadBalancerSourceRanges`; a public entry point's namespace goes in `publicLoadBalancerNamespaces`.",
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
        publicLoadBalancerNamespaces: {
            type: "array",
            items: { type: "string", minLength: 1 },
            uniqueItems: true,
            default: [],
            description: "Namespaces whose LoadBalancer Services may be internet-facing and open to every address (public entry points).",
        },
    },
    validate: previewResource<Config>((preview, { type, props, config, args }, report) => {
        if (type !== SERVICE && type !== SERVICE_PATCH) return;
        // A patch that leaves a field out leaves the live value: only what it sets is judged.
        const partial = type === SERVICE_PATCH;
        const { namespace } = effectiveNamespace(props, args.provider, preview);
        const options = isUnknown(namespace) ? {} : { namespace };
        const where = isUnknown(namespace) ? "" : ` in namespace "${namespace}"`;

        for (const { index, value } of preview.items(() => props.spec?.externalIPs)) {
            if (typeof value !== "string") continue;
            report(
                `spec.externalIPs[${index}] ("${value}") makes every node answer for that address, whatever spec.type allows ` +
                    "(and lets the Service intercept traffic to it); remove spec.externalIPs and use an allowed LoadBalancer or an Ingress",
                options,
            );
        }

        const raw = preview.read(() => props.spec?.type);
        if (isUnknown(raw) || (partial && (raw === undefined || raw === null))) return;
        const serviceType = typeof raw === "string" ? raw : "ClusterIP";
        const byNamespace = config.allowedServiceTypesByNamespace ?? {};
        const global = config.allowedServiceTypes ?? ["ClusterIP"];
        const allowed = isUnknown(namespace)
            ? [...new Set([...global, ...Object.values(byNamespace).flat()])]
            : Object.prototype.hasOwnProperty.call(byNamespace, namespace) ? byNamespace[namespace] : global;
        if (!allowed.includes(serviceType)) {
            // With the namespace unknown, decided during the update unless no namespace could allow it.
            report(
                `spec.type "${serviceType}" is not allowed${where} (allowed: ${(isUnknown(namespace) ? global : allowed).join(", ") || "none"}); ` +
                    "use ClusterIP behind an Ingress, or allow the type for this namespace in allowedServiceTypesByNamespace",
                options,
            );
            return;
        }
        if (serviceType !== "LoadBalancer" || isUnknown(namespace)) return;
        if ((config.publicLoadBalancerNamespaces ?? []).includes(namespace)) return;
        const facing = internetFacing(props, preview);
        if (facing !== true) return;
        const ranges = sourceRanges(props, preview);
        if (isUnknown(ranges) || (partial && ranges === undefined)) return;
        const open = ranges === undefined ? undefined : worldRanges(ranges.ranges);
        if (ranges !== undefined && open!.length === 0) return;
        const why = ranges === undefined ? "no spec.loadBalancerSourceRanges, so every address is admitted" : `${ranges.field} admits ${open!.join(", ")}`;
        report(
            `the LoadBalancer${where} is internet-facing with ${why}; make it internal ` +
                '(metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"]: "internal"), list its clients in ' +
                "spec.loadBalancerSourceRanges, or add the namespace to publicLoadBalancerNamespaces if it serves the public",
            options,
        );
    }),
});
