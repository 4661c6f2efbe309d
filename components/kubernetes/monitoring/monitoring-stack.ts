import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { throwIfInvalid } from "../../validation";
import { SecureNamespace } from "../namespace";
import { type MonitoringStackArgs, validateMonitoringStackArgs } from "./args";
import { chartLocation, resolveChart } from "./charts";
import { agentExemptions, chartImageExemptions, chartObjectExemptions, type Exemption } from "./exemptions";
import * as net from "./network";
import {
    ALERTMANAGER_SERVICE,
    falcoValues,
    fluentBitValues,
    GRAFANA_ADMIN_SECRET,
    GRAFANA_SIDECAR_ROLE,
    NAMES,
    PROMETHEUS_SERVICE,
    prometheusStackValues,
} from "./values";
import { operatorTls } from "./webhook-tls";
import { operatorWebhooks } from "./webhooks";

/**
 * Visibility for the platform: Prometheus (with kube-state-metrics and node-exporter), Alertmanager
 * and Grafana from kube-prometheus-stack; Falco for runtime detection, alerting to Alertmanager;
 * Fluent Bit for logs. Charts pinned, values hardened, volumes on the encrypted class. The node
 * agents live in their own namespace, the only one below restricted, and the exemptions they need
 * are exported for the policy packs.
 */
export class MonitoringStack extends pulumi.ComponentResource {
    /** Prometheus, Alertmanager and Grafana's namespace (restricted). */
    public readonly namespace: string;
    /** The node agents' namespace, the only one enforcing privileged. */
    public readonly agentsNamespace: string;
    /** Grafana's ClusterIP Service in `namespace` (reach it with a port-forward or a reviewed Ingress). */
    public readonly grafanaServiceName: string;
    /** Alertmanager's Service in `namespace`, port 9093. */
    public readonly alertmanagerServiceName: string;
    /** Prometheus's Service in `namespace`, port 9090. */
    public readonly prometheusServiceName: string;
    /** Pack-level exemptions for the node agents: give them to `expandSettings` with the pack's other settings. */
    public readonly policyExemptions: readonly Exemption[];

    constructor(name: string, args: MonitoringStackArgs, opts?: pulumi.ComponentResourceOptions) {
        throwIfInvalid("MonitoringStack", validateMonitoringStackArgs(args));
        super("bulwark:kubernetes:MonitoringStack", name, {}, opts);

        const provider = args.provider;
        const child = { parent: this, provider };
        const namespace = args.namespace ?? "monitoring";
        const agentsNamespace = args.agentsNamespace ?? "monitoring-agents";
        const apiServerCidrs = args.apiServerCidrs ?? ["0.0.0.0/0"];
        const nodeCidrs = args.nodeCidrs ?? ["0.0.0.0/0"];

        const monitoringNs = new SecureNamespace(`${name}-monitoring`, { provider, namespaceName: namespace }, { parent: this });
        const agentsNs = new SecureNamespace(
            `${name}-agents`,
            {
                provider,
                namespaceName: agentsNamespace,
                podSecurityLevel: "privileged",
                // Three DaemonSets: one pod of each per node.
                resourceQuota: { pods: "1000", "limits.cpu": "500", "limits.memory": "1000Gi", "requests.cpu": "200", "requests.memory": "500Gi" },
            },
            { parent: this },
        );

        const policy = (role: string, ns: string, objectName: string, spec: k8s.types.input.networking.v1.NetworkPolicySpec, dependsOn: pulumi.Resource) =>
            new k8s.networking.v1.NetworkPolicy(`${name}-${role}`, { metadata: { name: objectName, namespace: ns }, spec }, { ...child, dependsOn: [dependsOn] });
        policy("monitoring-same-namespace", namespace, "allow-same-namespace", net.sameNamespaceSpec(), monitoringNs);
        policy("monitoring-api-server", namespace, "allow-api-server", net.apiServerEgressSpec(apiServerCidrs), monitoringNs);
        policy("monitoring-webhook", namespace, "allow-operator-webhook", net.webhookIngressSpec(apiServerCidrs), monitoringNs);
        policy("monitoring-scrape", namespace, "allow-prometheus-scrape", net.prometheusScrapeSpec(nodeCidrs), monitoringNs);
        policy("monitoring-alerts", namespace, "allow-alerts-from-agents", net.alertsFromAgentsSpec(agentsNamespace), monitoringNs);
        policy("agents-same-namespace", agentsNamespace, "allow-same-namespace", net.sameNamespaceSpec(), agentsNs);
        policy("agents-api-server", agentsNamespace, "allow-api-server", net.apiServerEgressSpec(apiServerCidrs), agentsNs);
        policy("agents-alerts", agentsNamespace, "allow-alerts-to-alertmanager", net.alertsToAlertmanagerSpec(namespace), agentsNs);
        policy("agents-scrape", agentsNamespace, "allow-scrape-from-monitoring", net.scrapeFromMonitoringSpec(namespace), agentsNs);
        if (args.logShipping) {
            policy("agents-log-shipping", agentsNamespace, "allow-log-shipping", net.logShippingSpec(args.logShipping.egressCidrs, args.logShipping.egressPorts), agentsNs);
        }

        // Generated once and kept in the stack's state (encrypted) unless the caller brings one.
        const password = args.grafanaAdminPassword ?? new random.RandomPassword(`${name}-grafana-admin`, { length: 32, special: false }, { parent: this }).result;
        const adminSecret = new k8s.core.v1.Secret(
            `${name}-grafana-admin`,
            {
                metadata: { name: GRAFANA_ADMIN_SECRET, namespace },
                type: "Opaque",
                stringData: { "admin-user": "admin", "admin-password": pulumi.secret(password) },
            },
            { ...child, dependsOn: [monitoringNs] },
        );
        // What Grafana's sidecars may read: ConfigMaps here, never Secrets (the chart binds it).
        const sidecarRole = new k8s.rbac.v1.Role(
            `${name}-grafana-sidecar`,
            {
                metadata: { name: GRAFANA_SIDECAR_ROLE, namespace },
                rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }],
            },
            { ...child, dependsOn: [monitoringNs] },
        );
        const webhookTls = operatorTls(name, namespace, { ...child, dependsOn: [monitoringNs] });

        const sizes = { prometheus: "50Gi", alertmanager: "10Gi", grafana: "10Gi", ...args.volumeSizes };
        const stack = new k8s.helm.v4.Chart(
            `${name}-prometheus-stack`,
            {
                ...chartLocation(resolveChart("kubePrometheusStack", args.charts?.kubePrometheusStack)),
                name: NAMES.stack,
                namespace,
                values: prometheusStackValues({
                    namespace,
                    controlPlaneMetrics: args.controlPlaneMetrics ?? false,
                    storageClassName: args.storageClassName,
                    agentsNamespace,
                    retention: args.retention ?? "15d",
                    sizes,
                    imageRegistry: args.imageRegistry,
                }),
            },
            { ...child, dependsOn: [monitoringNs, agentsNs, adminSecret, sidecarRole, webhookTls.secret] },
        );
        // After the chart: the webhooks fail closed, so the operator's Service must answer first.
        operatorWebhooks(name, namespace, webhookTls.caBundle, { ...child, dependsOn: [stack] });
        new k8s.helm.v4.Chart(
            `${name}-falco`,
            {
                ...chartLocation(resolveChart("falco", args.charts?.falco)),
                name: NAMES.falco,
                namespace: agentsNamespace,
                values: falcoValues({ monitoringNamespace: namespace, agentsNamespace, imageRegistry: args.imageRegistry }),
            },
            // Alerts go to Alertmanager, so it comes first.
            { ...child, dependsOn: [agentsNs, stack] },
        );
        new k8s.helm.v4.Chart(
            `${name}-fluent-bit`,
            {
                ...chartLocation(resolveChart("fluentBit", args.charts?.fluentBit)),
                name: NAMES.fluentBit,
                namespace: agentsNamespace,
                values: fluentBitValues(args.logShipping?.outputs, args.imageRegistry),
            },
            { ...child, dependsOn: [agentsNs] },
        );

        this.namespace = namespace;
        this.agentsNamespace = agentsNamespace;
        this.grafanaServiceName = NAMES.grafana;
        this.alertmanagerServiceName = ALERTMANAGER_SERVICE;
        this.prometheusServiceName = PROMETHEUS_SERVICE;
        this.policyExemptions = [
            ...agentExemptions(agentsNamespace),
            ...chartObjectExemptions(namespace, agentsNamespace),
            ...chartImageExemptions(namespace, agentsNamespace),
        ];
        this.registerOutputs({
            namespace,
            agentsNamespace,
            grafanaServiceName: this.grafanaServiceName,
            alertmanagerServiceName: this.alertmanagerServiceName,
            prometheusServiceName: this.prometheusServiceName,
            policyExemptions: this.policyExemptions,
        });
    }
}
