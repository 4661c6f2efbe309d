import type * as k8s from "@pulumi/kubernetes";

/** Deny all ingress and egress for every pod: the baseline that explicit allow policies open up from. */
export function defaultDenySpec(): k8s.types.input.networking.v1.NetworkPolicySpec {
    return { podSelector: {}, policyTypes: ["Ingress", "Egress"] };
}

/** Egress to the cluster DNS pods on port 53, which every pod needs to resolve service names. */
export function allowDnsSpec(dnsNamespace: string, dnsPodLabels: Record<string, string>): k8s.types.input.networking.v1.NetworkPolicySpec {
    return {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [
            {
                to: [
                    {
                        // The API server sets this label on every namespace; it can't be forged by tenants.
                        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": dnsNamespace } },
                        podSelector: { matchLabels: dnsPodLabels },
                    },
                ],
                ports: [
                    { protocol: "UDP", port: 53 },
                    { protocol: "TCP", port: 53 },
                ],
            },
        ],
    };
}

/** Ingress from the metrics scraper's pods, in its namespace, to every pod here (on the given ports). */
export function allowMetricsScrapeSpec(
    scraperNamespace: string,
    scraperPodLabels: Record<string, string>,
    ports: readonly number[],
): k8s.types.input.networking.v1.NetworkPolicySpec {
    return {
        podSelector: {},
        policyTypes: ["Ingress"],
        ingress: [
            {
                from: [
                    {
                        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": scraperNamespace } },
                        podSelector: { matchLabels: scraperPodLabels },
                    },
                ],
                ...(ports.length > 0 ? { ports: ports.map((port) => ({ protocol: "TCP", port })) } : {}),
            },
        ],
    };
}
