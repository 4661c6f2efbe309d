import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { isPlain, type Problem } from "../../validation";
import { validateSecureNamespaceArgs } from "../namespace/args";
import { type ChartKey, type ChartSource, EXACT_VERSION, resolveChart } from "./charts";

/** Where Fluent Bit ships logs, and the network path it needs to get there. */
export interface LogShipping {
    /** Fluent Bit `[OUTPUT]` sections (classic config format). */
    readonly outputs: string;
    /** CIDRs of the log destination, opened for Fluent Bit egress only. */
    readonly egressCidrs: readonly string[];
    /** Destination ports, e.g. [443]. */
    readonly egressPorts: readonly number[];
}

export interface VolumeSizes {
    readonly prometheus?: string;
    readonly alertmanager?: string;
    readonly grafana?: string;
}

export interface MonitoringStackArgs {
    /** The cluster. Required. */
    readonly provider: k8s.Provider;
    /** The StorageClass for Prometheus, Alertmanager and Grafana volumes: pass an EncryptedStorageClass's name. Required. */
    readonly storageClassName: pulumi.Input<string>;
    /**
     * Grafana's admin password (at least 16 characters), stored as a Pulumi secret and mounted as a
     * file. Default: 32 random characters, generated once and kept (encrypted) in the stack's state;
     * read it with `kubectl get secret grafana-admin`.
     */
    readonly grafanaAdminPassword?: pulumi.Input<string>;
    /**
     * Scrape kube-controller-manager, kube-scheduler, etcd and kube-proxy, and load their alerts.
     * Default: false, because managed control planes (EKS, GKE, AKS) do not expose them and their
     * "target down" alerts would fire forever; set it on self-managed clusters that do.
     */
    readonly controlPlaneMetrics?: boolean;
    /** The namespace for Prometheus, Alertmanager and Grafana, at restricted. Default: "monitoring". */
    readonly namespace?: string;
    /**
     * The namespace for the node agents (node-exporter, Falco, Fluent Bit), the only one enforcing
     * "privileged" (audit and warn stay restricted). Default: "monitoring-agents".
     */
    readonly agentsNamespace?: string;
    /** Chart sources (internal mirror or OCI registry) and pinned versions. Default: `DEFAULT_CHARTS`. */
    readonly charts?: Readonly<Partial<Record<ChartKey, ChartSource>>>;
    /** Registry mirror for every chart image, e.g. "registry.internal.example.com". Default: the upstream registries. */
    readonly imageRegistry?: string;
    /** Persistent volume sizes. Default: Prometheus 50Gi, Alertmanager 10Gi, Grafana 10Gi. */
    readonly volumeSizes?: VolumeSizes;
    /** Prometheus retention. Default: "15d". */
    readonly retention?: string;
    /**
     * Where Fluent Bit ships logs. Default: none, and Fluent Bit's only output is `null` (it
     * collects and discards): set this to keep logs.
     */
    readonly logShipping?: LogShipping;
    /**
     * Where pods reach the Kubernetes API server (operators, sidecars and agents talk to it), on
     * ports 443 and 6443: the `kubernetes` Service's ClusterIP as a /32 (the first address of the
     * service CIDR; the VPC CNI's policy agent sees that address, before kube-proxy translates it,
     * and matches Service addresses only for pod-selector peers, never for an endpoint's ipBlock)
     * and the API server's endpoint addresses (CNIs that enforce after translation see those).
     * Default: ["0.0.0.0/0"]; narrow it, or a pod that is compromised can reach any HTTPS host.
     */
    readonly apiServerCidrs?: readonly string[];
    /**
     * CIDRs of the nodes, which Prometheus scrapes on 9100 (node-exporter) and 10250 (kubelet).
     * Default: ["0.0.0.0/0"] on those two ports only; narrow it to the node subnets.
     */
    readonly nodeCidrs?: readonly string[];
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d|[12]\d|3[0-2])$|^[0-9a-fA-F:]+\/\d{1,3}$/;
const SIZE = /^\d+(Mi|Gi|Ti)$/;

function checkCidrs(problems: Problem[], path: string, cidrs: readonly string[] | undefined, required = false): void {
    if (cidrs === undefined) return;
    if (required && cidrs.length === 0) problems.push({ propertyPath: path, reason: "must list at least one CIDR" });
    cidrs.forEach((c, i) => {
        if (typeof c !== "string" || !CIDR.test(c)) problems.push({ propertyPath: `${path}[${i}]`, reason: `"${String(c)}" is not a CIDR` });
    });
}

/** Every problem with the arguments, each naming its property; empty when they are usable. */
export function validateMonitoringStackArgs(args: MonitoringStackArgs): Problem[] {
    const problems: Problem[] = [];
    if (!args.provider) problems.push({ propertyPath: "provider", reason: "is required: pass the k8s.Provider of the target cluster" });
    if (args.storageClassName === undefined || (isPlain(args.storageClassName) && args.storageClassName === "")) {
        problems.push({ propertyPath: "storageClassName", reason: "is required: pass an EncryptedStorageClass's storageClassName" });
    }
    const password = args.grafanaAdminPassword;
    if (password !== undefined && isPlain(password) && (typeof password !== "string" || password.length < 16)) {
        problems.push({ propertyPath: "grafanaAdminPassword", reason: "must be at least 16 characters (or omit it to generate one)" });
    }
    if (args.controlPlaneMetrics !== undefined && typeof args.controlPlaneMetrics !== "boolean") {
        problems.push({ propertyPath: "controlPlaneMetrics", reason: "must be true or false" });
    }
    const namespace = args.namespace ?? "monitoring";
    const agents = args.agentsNamespace ?? "monitoring-agents";
    for (const [path, ns] of [["namespace", namespace], ["agentsNamespace", agents]] as const) {
        // The same rules as the SecureNamespace it becomes, checked now so nothing is registered first.
        for (const p of validateSecureNamespaceArgs({ provider: args.provider, namespaceName: ns }, ns)) {
            if (p.propertyPath === "namespaceName") problems.push({ propertyPath: path, reason: p.reason.replace("; set namespaceName", "") });
        }
    }
    if (namespace === agents) {
        problems.push({ propertyPath: "agentsNamespace", reason: "must differ from namespace: only the agents may run outside restricted" });
    }
    for (const key of ["kubePrometheusStack", "falco", "fluentBit"] as const) {
        const given = args.charts?.[key];
        if (given === undefined) continue;
        const source = resolveChart(key, given);
        if (!EXACT_VERSION.test(source.version)) {
            problems.push({ propertyPath: `charts.${key}.version`, reason: `"${source.version}" must be an exact version (X.Y.Z), not a range` });
        }
        if (!/^(https|oci):\/\/[^\s/]+/.test(source.repository)) {
            problems.push({ propertyPath: `charts.${key}.repository`, reason: `"${source.repository}" must be an https:// or oci:// URL` });
        }
        if (!/^[a-z0-9][-a-z0-9_.]*$/.test(source.chart)) {
            problems.push({ propertyPath: `charts.${key}.chart`, reason: `"${source.chart}" is not a chart name` });
        }
    }
    if (args.imageRegistry !== undefined && !/^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)*$/.test(args.imageRegistry)) {
        problems.push({ propertyPath: "imageRegistry", reason: `"${args.imageRegistry}" must be a registry host and optional path, without a scheme` });
    }
    for (const key of ["prometheus", "alertmanager", "grafana"] as const) {
        const size = args.volumeSizes?.[key];
        if (size !== undefined && !SIZE.test(size)) problems.push({ propertyPath: `volumeSizes.${key}`, reason: `"${size}" must be a size like "50Gi"` });
    }
    if (args.retention !== undefined && !/^\d+(h|d|w|y)$/.test(args.retention)) {
        problems.push({ propertyPath: "retention", reason: `"${args.retention}" must be a duration like "15d"` });
    }
    if (args.logShipping !== undefined) {
        if (typeof args.logShipping.outputs !== "string" || !/\[OUTPUT\]/i.test(args.logShipping.outputs)) {
            problems.push({ propertyPath: "logShipping.outputs", reason: "must hold at least one Fluent Bit [OUTPUT] section" });
        }
        checkCidrs(problems, "logShipping.egressCidrs", args.logShipping.egressCidrs ?? [], true);
        const ports = args.logShipping.egressPorts ?? [];
        if (ports.length === 0) problems.push({ propertyPath: "logShipping.egressPorts", reason: "must list the destination ports" });
        ports.forEach((p, i) => {
            if (!(Number.isInteger(p) && p >= 1 && p <= 65535)) problems.push({ propertyPath: `logShipping.egressPorts[${i}]`, reason: `${p} is not a port` });
        });
    }
    checkCidrs(problems, "apiServerCidrs", args.apiServerCidrs, true);
    checkCidrs(problems, "nodeCidrs", args.nodeCidrs, true);
    return problems;
}
