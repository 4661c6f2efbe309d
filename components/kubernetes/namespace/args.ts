import type * as k8s from "@pulumi/kubernetes";
import { DNS_LABEL, type Problem } from "../../validation";

/** Pod Security Standards levels, most to least strict. */
export const POD_SECURITY_LEVELS = ["restricted", "baseline", "privileged"] as const;
export type PodSecurityLevel = (typeof POD_SECURITY_LEVELS)[number];

/** The Pod Security Standards version the labels pin, so a cluster upgrade can't change what is enforced. */
export const DEFAULT_POD_SECURITY_VERSION = "v1.37";

export const DEFAULT_RESOURCE_QUOTA: Readonly<Record<string, string>> = {
    "requests.cpu": "8",
    "requests.memory": "16Gi",
    "limits.cpu": "16",
    "limits.memory": "32Gi",
    pods: "100",
    persistentvolumeclaims: "20",
    "requests.storage": "500Gi",
    // Exposure outside the cluster goes through a reviewed ingress, not per-namespace load balancers.
    "services.loadbalancers": "0",
    "services.nodeports": "0",
};

export interface ContainerLimits {
    /** Requests given to a container that sets none. */
    readonly defaultRequest?: Readonly<Record<string, string>>;
    /** Limits given to a container that sets none. */
    readonly default?: Readonly<Record<string, string>>;
    /** The most a single container may ask for. */
    readonly max?: Readonly<Record<string, string>>;
}

export const DEFAULT_CONTAINER_LIMITS: Required<ContainerLimits> = {
    defaultRequest: { cpu: "100m", memory: "128Mi" },
    default: { cpu: "500m", memory: "512Mi" },
    max: { cpu: "4", memory: "8Gi" },
};

/** Where the cluster DNS runs, for the allow-DNS egress policy. */
export interface DnsTarget {
    /** Namespace of the DNS pods. Default: "kube-system". */
    readonly namespace?: string;
    /** Labels of the DNS pods. Default: `{ "k8s-app": "kube-dns" }` (CoreDNS on EKS, kubeadm, GKE). */
    readonly podLabels?: Readonly<Record<string, string>>;
}

/** Who scrapes the namespace's pods for metrics: Prometheus, from its own namespace. */
export interface MetricsScraper {
    /** The scraper's namespace, e.g. MonitoringStack's `namespace`. */
    readonly namespace: string;
    /** Labels of the scraper pods. Default: `{ "app.kubernetes.io/name": "prometheus" }`. */
    readonly podLabels?: Readonly<Record<string, string>>;
    /** TCP ports it may reach. Default: any port (metrics ports differ per workload). */
    readonly ports?: readonly number[];
}

export interface SecureNamespaceArgs {
    /** The cluster. Required: a namespace must never land on an ambient kubeconfig. */
    readonly provider: k8s.Provider;
    /** The namespace's name. Default: the component's name. */
    readonly namespaceName?: string;
    /**
     * The Pod Security Standards level the namespace enforces. Default: "restricted". Audit and
     * warn stay "restricted" whatever this is, so a weaker level still shows every pod that would
     * fail. "baseline" costs: pods may run as root, keep default capabilities and escalate
     * privileges; "privileged" costs all isolation from the node (host namespaces, hostPath,
     * privileged containers). Policy packs flag any level below restricted unless exempted.
     */
    readonly podSecurityLevel?: PodSecurityLevel;
    /** The Pod Security Standards version pinned on all three labels. Default: "v1.37". */
    readonly podSecurityVersion?: string;
    /** Extra namespace labels. `pod-security.kubernetes.io/*` are set by the level args only. Default: none. */
    readonly labels?: Readonly<Record<string, string>>;
    /**
     * Lets a metrics scraper in (ingress from its pods only), so workloads are visible to
     * Prometheus despite the default deny. Default: none. It opens the namespace's pods to those
     * scraper pods on the given ports (any port when none are given), and to nothing else.
     */
    readonly metricsScraper?: MetricsScraper;
    /** Where cluster DNS runs; pods may reach it on port 53 and nothing else until allowed. */
    readonly dns?: DnsTarget;
    /** ResourceQuota `hard` entries, merged over `DEFAULT_RESOURCE_QUOTA`. Default: those. */
    readonly resourceQuota?: Readonly<Record<string, string>>;
    /** LimitRange container defaults and ceiling, each merged over `DEFAULT_CONTAINER_LIMITS`. */
    readonly containerLimits?: ContainerLimits;
    /**
     * Protects the Namespace from deletion: deleting it deletes every workload, Secret and volume
     * claim in it. `pulumi destroy` or a rename stops until `pulumi state unprotect <urn>`. Default: true.
     */
    readonly protect?: boolean;
}

const QUANTITY = /^[+]?(\d+(\.\d*)?|\.\d+)(m|k|Ki|Mi|Gi|Ti|Pi|Ei|M|G|T|P|E|e\d+)?$/;

function checkQuantities(problems: Problem[], path: string, values: Readonly<Record<string, string>> | undefined): void {
    for (const [key, value] of Object.entries(values ?? {})) {
        if (typeof value !== "string" || !QUANTITY.test(value)) {
            problems.push({ propertyPath: `${path}.${key}`, reason: `"${String(value)}" is not a Kubernetes quantity (e.g. "500m", "2Gi", "10")` });
        }
    }
}

/** Every problem with the arguments, each naming its property; empty when they are usable. */
export function validateSecureNamespaceArgs(args: SecureNamespaceArgs, name: string): Problem[] {
    const problems: Problem[] = [];
    if (!args.provider) problems.push({ propertyPath: "provider", reason: "is required: pass the k8s.Provider of the target cluster" });
    const namespaceName = args.namespaceName ?? name;
    if (!DNS_LABEL.test(namespaceName)) {
        problems.push({
            propertyPath: "namespaceName",
            reason: `"${namespaceName}" is not a DNS label (lowercase letters, digits and '-', at most 63); set namespaceName`,
        });
    } else if (["default", "kube-system", "kube-public", "kube-node-lease"].includes(namespaceName)) {
        problems.push({ propertyPath: "namespaceName", reason: `"${namespaceName}" belongs to the cluster; choose a namespace of your own` });
    }
    if (args.podSecurityLevel !== undefined && !POD_SECURITY_LEVELS.includes(args.podSecurityLevel)) {
        problems.push({ propertyPath: "podSecurityLevel", reason: `must be one of ${POD_SECURITY_LEVELS.join(", ")}` });
    }
    if (args.podSecurityVersion !== undefined && !/^v1\.\d+$/.test(args.podSecurityVersion)) {
        problems.push({
            propertyPath: "podSecurityVersion",
            reason: `"${args.podSecurityVersion}" must pin a version like "${DEFAULT_POD_SECURITY_VERSION}" ("latest" would change with the cluster)`,
        });
    }
    for (const key of Object.keys(args.labels ?? {})) {
        if (key.startsWith("pod-security.kubernetes.io/")) {
            problems.push({ propertyPath: `labels.${key}`, reason: "is set from podSecurityLevel and podSecurityVersion; remove it" });
        }
    }
    if (args.dns?.namespace !== undefined && !DNS_LABEL.test(args.dns.namespace)) {
        problems.push({ propertyPath: "dns.namespace", reason: `"${args.dns.namespace}" is not a namespace name` });
    }
    if (args.dns?.podLabels !== undefined && Object.keys(args.dns.podLabels).length === 0) {
        problems.push({ propertyPath: "dns.podLabels", reason: "must select the DNS pods; empty labels would open port 53 to every pod in the namespace" });
    }
    const scraper = args.metricsScraper;
    if (scraper !== undefined) {
        if (!DNS_LABEL.test(scraper.namespace ?? "")) {
            problems.push({ propertyPath: "metricsScraper.namespace", reason: `"${String(scraper.namespace)}" is not a namespace name` });
        }
        if (scraper.podLabels !== undefined && Object.keys(scraper.podLabels).length === 0) {
            problems.push({ propertyPath: "metricsScraper.podLabels", reason: "must select the scraper pods; empty labels would admit every pod of that namespace" });
        }
        (scraper.ports ?? []).forEach((port, i) => {
            if (!Number.isInteger(port) || port < 1 || port > 65535) {
                problems.push({ propertyPath: `metricsScraper.ports[${i}]`, reason: `${String(port)} is not a TCP port (1-65535)` });
            }
        });
    }
    checkQuantities(problems, "resourceQuota", args.resourceQuota);
    checkQuantities(problems, "containerLimits.defaultRequest", args.containerLimits?.defaultRequest);
    checkQuantities(problems, "containerLimits.default", args.containerLimits?.default);
    checkQuantities(problems, "containerLimits.max", args.containerLimits?.max);
    return problems;
}
