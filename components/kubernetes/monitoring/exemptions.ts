import { NAMES } from "./values";

/**
 * A policy exemption as the packs' settings take it (`exemptions:` in `policy.<stack>.yaml`). The
 * same shape as the packs' own type, declared here so the components package needs no policy SDK;
 * a test holds the two to each other.
 */
export interface Exemption {
    /** Policy names the exemption lifts. */
    readonly policies?: readonly string[];
    /** Kubernetes namespaces it covers. */
    readonly namespaces?: readonly string[];
    /** Resources it covers: Pulumi name, Kubernetes `metadata.name` or URN; a trailing `*` matches a prefix. */
    readonly resources?: readonly string[];
    /** Why it is acceptable: who decided, and what compensates for it. */
    readonly justification: string;
    /** Last day (YYYY-MM-DD, UTC) on which it applies. */
    readonly expires?: string;
}

/** Why each agent has host access, and what compensates for it. */
const COMPENSATION =
    "Confined to the agents namespace (enforce privileged, audit and warn restricted), which holds only these " +
    "node agents, each limited to the controls listed; every other namespace stays restricted.";

/** The Pod Security and platform policies each node agent needs lifted, and nothing more. */
export const AGENT_POLICIES: Readonly<Record<"nodeExporter" | "falco" | "fluentBit", readonly string[]>> = {
    // Reads host metrics from /proc, /sys and / (hostPath, read-only) in the host's network and PID
    // namespaces, so its port is a host port. Runs as nobody with every capability dropped.
    nodeExporter: ["pss-baseline-host-namespaces", "pss-baseline-host-path-volumes", "pss-baseline-host-ports", "pss-restricted-volume-types"],
    // Loads an eBPF probe: root by the image's default user (runAsUser is left unset, so the
    // run-as-user control is not involved) with BPF, PERFMON, SYS_RESOURCE and SYS_PTRACE (not privileged),
    // reads host /proc, /etc and the runtime socket (hostPath), keeps the chart's computed security
    // context (no seccomp profile, escalation unset, writable root) because RuntimeDefault blocks bpf()
    // on older runtimes; talks to the API for pod metadata. The chart marks the pod AppArmor
    // "unconfined" in least-privileged mode: a node's default AppArmor profile denies bpf().
    falco: [
        "pss-baseline-apparmor",
        "pss-baseline-capabilities",
        "pss-baseline-host-path-volumes",
        "pss-restricted-volume-types",
        "pss-restricted-capabilities",
        "pss-restricted-privilege-escalation",
        "pss-restricted-run-as-non-root",
        "pss-restricted-seccomp",
        "containers-read-only-root-filesystem",
        "pods-no-automount-service-account-token",
    ],
    // Tails root-owned container logs under /var/log (hostPath, read-only) as root with every
    // capability dropped; enriches records from the API, so it mounts a token.
    fluentBit: [
        "pss-baseline-host-path-volumes",
        "pss-restricted-volume-types",
        "pss-restricted-run-as-non-root",
        "pss-restricted-run-as-user",
        "pods-no-automount-service-account-token",
    ],
};

export const NAMESPACE_LABEL_POLICY = "namespaces-pod-security-restricted";

/**
 * Pack-level exemptions for the node agents, in the shape `expandSettings` takes: each scoped to
 * the agents namespace and to the agent's own objects.
 */
export function agentExemptions(agentsNamespace: string): Exemption[] {
    return [
        {
            policies: [NAMESPACE_LABEL_POLICY],
            namespaces: [agentsNamespace],
            resources: [agentsNamespace],
            justification:
                "The node agents (node-exporter, Falco, Fluent Bit) need host access that restricted and baseline forbid; " +
                "this namespace enforces privileged while audit and warn stay restricted, so every deviation stays visible.",
        },
        {
            policies: [...AGENT_POLICIES.nodeExporter],
            namespaces: [agentsNamespace],
            resources: [NAMES.nodeExporter],
            justification: `node-exporter reads node metrics from the host's /proc, /sys and root filesystem (read-only) on the host network. ${COMPENSATION}`,
        },
        {
            policies: [...AGENT_POLICIES.falco],
            namespaces: [agentsNamespace],
            resources: [NAMES.falco],
            justification: `Falco detects process execution and syscalls on every node through an eBPF probe, which needs root with BPF/PERFMON capabilities and host paths. ${COMPENSATION}`,
        },
        {
            policies: [...AGENT_POLICIES.fluentBit],
            namespaces: [agentsNamespace],
            resources: [NAMES.fluentBit],
            justification: `Fluent Bit ships every pod's logs, which it reads from the node's /var/log (read-only, root-owned files, no capabilities). ${COMPENSATION}`,
        },
    ];
}

/**
 * Rendered chart objects that break a mandatory policy and that no chart value fixes, each named
 * exactly (cluster-scoped objects by name alone, the rest by namespace and name).
 */
export function chartObjectExemptions(namespace: string, agentsNamespace: string): Exemption[] {
    return [
        {
            policies: ["rbac-no-wildcards", "rbac-no-secret-read", "rbac-no-pod-create"],
            resources: [`${NAMES.stack}-operator`],
            justification:
                "The Prometheus operator's ClusterRole (fixed in the chart, no value narrows it) creates and manages the StatefulSets, " +
                "ConfigMaps and Secrets it generates for every Prometheus and Alertmanager, and reads the Secrets that " +
                "ServiceMonitors name for scrape credentials. Its token is mounted only in the operator pod, in the restricted " +
                "monitoring namespace, whose egress reaches only the API server and the cluster's own pods.",
        },
        {
            policies: ["secrets-not-in-env"],
            namespaces: [namespace],
            resources: [NAMES.grafana],
            justification:
                "Grafana's dashboard and data-source sidecars (k8s-sidecar) take the admin credentials for their reload calls " +
                "only from REQ_USERNAME/REQ_PASSWORD environment variables; Grafana itself reads the password from a mounted " +
                "file. The variable exists only in the sidecar containers, which log no environment.",
        },
        {
            policies: ["secrets-not-in-env", "pods-no-automount-service-account-token"],
            namespaces: [agentsNamespace],
            resources: [NAMES.falcosidekick],
            justification:
                "falcosidekick's chart always loads its configuration Secret with envFrom and sets no automountServiceAccountToken. " +
                "With Alertmanager as its only output the Secret holds an in-cluster URL, no credential; its ServiceAccount " +
                "is bound to no role that reads anything secret, and its egress reaches only Alertmanager and the API server.",
        },
    ];
}

export const DIGEST_POLICY = "images-pinned-by-digest";

/** The chart objects that run images, by namespace: the monitoring stack's, then the agents'. */
export const IMAGE_OBJECTS = {
    monitoring: [NAMES.grafana, NAMES.kubeStateMetrics, `${NAMES.stack}-operator`],
    agents: [NAMES.nodeExporter, NAMES.falco, NAMES.falcosidekick, NAMES.fluentBit],
} as const;

/**
 * The charts set their images by tag, the tag of each exact chart version, and take no digest for
 * every image they render; a real preview would otherwise stop on each of them. The exemptions cover
 * only digest pinning, only the charts' workloads, each by namespace and exact name: the registry
 * allow-list still applies, so the images must come from a registry the security team approved (a
 * mirror via `imageRegistry`).
 */
export function chartImageExemptions(namespace: string, agentsNamespace: string): Exemption[] {
    const rest =
        "by the tags of their exact chart versions and accept no digest for every image they render; images still come " +
        "only from approved registries (mirror them with imageRegistry, where tags are immutable).";
    return [
        {
            policies: [DIGEST_POLICY],
            namespaces: [namespace],
            resources: [...IMAGE_OBJECTS.monitoring],
            justification: `kube-prometheus-stack and its subcharts set the operator's, Grafana's and kube-state-metrics' images ${rest}`,
        },
        {
            policies: [DIGEST_POLICY],
            namespaces: [agentsNamespace],
            resources: [...IMAGE_OBJECTS.agents],
            justification: `The node-exporter, Falco, falcosidekick and Fluent Bit charts set their images ${rest}`,
        },
    ];
}
