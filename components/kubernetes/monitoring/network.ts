import type * as k8s from "@pulumi/kubernetes";
import { NAMES } from "./values";

type Spec = k8s.types.input.networking.v1.NetworkPolicySpec;
type Peer = k8s.types.input.networking.v1.NetworkPolicyPeer;

const inNamespace = (namespace: string): Peer["namespaceSelector"] => ({ matchLabels: { "kubernetes.io/metadata.name": namespace } });
const tcp = (...ports: number[]) => ports.map((port) => ({ protocol: "TCP", port }));
const blocks = (cidrs: readonly string[]): Peer[] => cidrs.map((cidr) => ({ ipBlock: { cidr } }));

/** Pods of a namespace may talk to each other (Prometheus to Alertmanager, Grafana to Prometheus, Falco to falcosidekick). */
export function sameNamespaceSpec(): Spec {
    return {
        podSelector: {},
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: [{ podSelector: {} }] }],
        egress: [{ to: [{ podSelector: {} }] }],
    };
}

/** Operators, sidecars and agents reach the API server, on its ports only. */
export function apiServerEgressSpec(apiServerCidrs: readonly string[]): Spec {
    return { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: blocks(apiServerCidrs), ports: tcp(443, 6443) }] };
}

/** The API server calls the operator's admission webhook. */
export function webhookIngressSpec(apiServerCidrs: readonly string[]): Spec {
    return {
        podSelector: { matchLabels: { app: "kube-prometheus-stack-operator" } },
        policyTypes: ["Ingress"],
        ingress: [{ from: blocks(apiServerCidrs), ports: tcp(10250) }],
    };
}

/** Prometheus scrapes pods in any namespace, and node-exporter and the kubelet on the nodes. */
export function prometheusScrapeSpec(nodeCidrs: readonly string[]): Spec {
    return {
        podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } },
        policyTypes: ["Egress"],
        egress: [{ to: [{ namespaceSelector: {} }] }, { to: blocks(nodeCidrs), ports: tcp(9100, 10250) }],
    };
}

/** Alertmanager takes alerts from falcosidekick in the agents namespace. */
export function alertsFromAgentsSpec(agentsNamespace: string): Spec {
    return {
        podSelector: { matchLabels: { "app.kubernetes.io/name": "alertmanager" } },
        policyTypes: ["Ingress"],
        ingress: [
            { from: [{ namespaceSelector: inNamespace(agentsNamespace), podSelector: { matchLabels: { "app.kubernetes.io/name": NAMES.falcosidekick } } }], ports: tcp(9093) },
        ],
    };
}

/** falcosidekick sends alerts to Alertmanager in the monitoring namespace. */
export function alertsToAlertmanagerSpec(monitoringNamespace: string): Spec {
    return {
        podSelector: { matchLabels: { "app.kubernetes.io/name": NAMES.falcosidekick } },
        policyTypes: ["Egress"],
        egress: [
            { to: [{ namespaceSelector: inNamespace(monitoringNamespace), podSelector: { matchLabels: { "app.kubernetes.io/name": "alertmanager" } } }], ports: tcp(9093) },
        ],
    };
}

/** Prometheus in the monitoring namespace scrapes the agents. */
export function scrapeFromMonitoringSpec(monitoringNamespace: string): Spec {
    return {
        podSelector: {},
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ namespaceSelector: inNamespace(monitoringNamespace), podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } } }] }],
    };
}

/** Fluent Bit reaches its log destination, and nothing else outside the cluster. */
export function logShippingSpec(cidrs: readonly string[], ports: readonly number[]): Spec {
    return {
        podSelector: { matchLabels: { "app.kubernetes.io/name": NAMES.fluentBit } },
        policyTypes: ["Egress"],
        egress: [{ to: blocks(cidrs), ports: tcp(...ports) }],
    };
}
