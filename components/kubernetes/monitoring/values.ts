import * as pulumi from "@pulumi/pulumi";

/** Fixed release object names, so Services, selectors and exemptions can name them. */
export const NAMES = {
    stack: "prometheus-stack",
    grafana: "grafana",
    kubeStateMetrics: "kube-state-metrics",
    nodeExporter: "node-exporter",
    falco: "falco",
    falcosidekick: "falcosidekick",
    fluentBit: "fluent-bit",
} as const;

export const ALERTMANAGER_SERVICE = `${NAMES.stack}-alertmanager`;
export const PROMETHEUS_SERVICE = `${NAMES.stack}-prometheus`;

/** The Grafana admin Secret, mounted as files (never as environment variables). */
export const GRAFANA_ADMIN_SECRET = "grafana-admin";
const GRAFANA_ADMIN_MOUNT = "/etc/secrets/grafana-admin";

type Values = Record<string, pulumi.Input<unknown>>;

/** Pod-level settings of the restricted profile, for a given non-root UID. */
export function restrictedPod(uid: number): Values {
    return { runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, fsGroup: uid, seccompProfile: { type: "RuntimeDefault" } };
}

/** Container-level settings of the restricted profile, plus a read-only root filesystem. */
export function restrictedContainer(): Values {
    return {
        runAsNonRoot: true,
        allowPrivilegeEscalation: false,
        privileged: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
    };
}

function resources(cpuRequest: string, memoryRequest: string, cpuLimit: string, memoryLimit: string): Values {
    return { requests: { cpu: cpuRequest, memory: memoryRequest }, limits: { cpu: cpuLimit, memory: memoryLimit } };
}

function claim(storageClassName: pulumi.Input<string>, size: string): Values {
    return { spec: { storageClassName, accessModes: ["ReadWriteOnce"], resources: { requests: { storage: size } } } };
}

export interface StackValuesInput {
    readonly namespace: string;
    readonly storageClassName: pulumi.Input<string>;
    readonly agentsNamespace: string;
    readonly retention: string;
    readonly sizes: { prometheus: string; alertmanager: string; grafana: string };
    readonly imageRegistry?: string;
    /** Scrape kube-controller-manager, kube-scheduler, etcd and kube-proxy (clusters that expose them). */
    readonly controlPlaneMetrics: boolean;
}

/**
 * kube-state-metrics' default collectors without `secrets`: listing Secrets cluster-wide would let
 * it read every Secret's data, for metrics nobody alerts on.
 */
export const KUBE_STATE_METRICS_COLLECTORS = [
    "certificatesigningrequests", "configmaps", "cronjobs", "daemonsets", "deployments", "endpointslices",
    "horizontalpodautoscalers", "ingresses", "jobs", "leases", "limitranges", "mutatingwebhookconfigurations",
    "namespaces", "networkpolicies", "nodes", "persistentvolumeclaims", "persistentvolumes", "poddisruptionbudgets",
    "pods", "replicasets", "replicationcontrollers", "resourcequotas", "services", "statefulsets", "storageclasses",
    "validatingwebhookconfigurations", "volumeattachments",
] as const;

/** Control-plane components a managed control plane (EKS, GKE, AKS) does not expose to scrape. */
function controlPlaneScrapes(enabled: boolean): Values {
    return {
        kubeControllerManager: { enabled },
        kubeScheduler: { enabled },
        kubeEtcd: { enabled },
        kubeProxy: { enabled },
        // Their alerts would fire forever ("target down") where nothing can be scraped.
        defaultRules: {
            rules: { etcd: enabled, kubeControllerManager: enabled, kubeSchedulerAlerting: enabled, kubeSchedulerRecording: enabled, kubeProxy: enabled },
        },
    };
}

/** kube-prometheus-stack: Prometheus, Alertmanager, Grafana, kube-state-metrics, node-exporter. */
export function prometheusStackValues(input: StackValuesInput): Values {
    const { storageClassName, sizes } = input;
    return {
        fullnameOverride: NAMES.stack,
        ...(input.imageRegistry ? { global: { imageRegistry: input.imageRegistry } } : {}),
        ...controlPlaneScrapes(input.controlPlaneMetrics),
        prometheusOperator: {
            securityContext: restrictedPod(65534),
            containerSecurityContext: restrictedContainer(),
            resources: resources("100m", "128Mi", "500m", "512Mi"),
            // The operator serves TLS with the Secret the component makes (operatorTls): the chart
            // makes it only in a pre-install hook Job, which helm.v4.Chart does not run.
            tls: { enabled: true },
            // The webhook configurations take the CA, unknown at preview, so the component makes them
            // (operatorWebhooks) and every value here stays known: the chart renders in a preview.
            admissionWebhooks: { enabled: false, patch: { enabled: false }, certManager: { enabled: false } },
        },
        prometheus: {
            prometheusSpec: {
                retention: input.retention,
                securityContext: restrictedPod(1000),
                resources: resources("500m", "2Gi", "2", "4Gi"),
                storageSpec: { volumeClaimTemplate: claim(storageClassName, sizes.prometheus) },
                // Discover every ServiceMonitor and PodMonitor, not only those labelled for this release.
                serviceMonitorSelectorNilUsesHelmValues: false,
                podMonitorSelectorNilUsesHelmValues: false,
            },
        },
        alertmanager: {
            alertmanagerSpec: {
                securityContext: restrictedPod(1000),
                resources: resources("50m", "128Mi", "200m", "256Mi"),
                storage: { volumeClaimTemplate: claim(storageClassName, sizes.alertmanager) },
            },
        },
        grafana: grafanaValues(input.namespace, storageClassName, sizes.grafana),
        "kube-state-metrics": {
            fullnameOverride: NAMES.kubeStateMetrics,
            collectors: [...KUBE_STATE_METRICS_COLLECTORS],
            securityContext: restrictedPod(65534),
            containerSecurityContext: restrictedContainer(),
            resources: resources("50m", "128Mi", "200m", "256Mi"),
        },
        "prometheus-node-exporter": {
            fullnameOverride: NAMES.nodeExporter,
            // Host access is confined to the agents namespace, which is the only one not at restricted.
            namespaceOverride: input.agentsNamespace,
            hostNetwork: true,
            hostPID: true,
            securityContext: restrictedPod(65534),
            containerSecurityContext: restrictedContainer(),
            resources: resources("50m", "64Mi", "200m", "128Mi"),
            serviceAccount: { automountServiceAccountToken: false },
            automountServiceAccountToken: false,
        },
    };
}

/** The Role Grafana's sidecars are bound to: ConfigMaps of the monitoring namespace, read-only, no Secrets. */
export const GRAFANA_SIDECAR_ROLE = "grafana-sidecar";

/**
 * The sidecars' reload calls to Grafana's admin API. k8s-sidecar reads its basic-auth credentials
 * only from REQ_USERNAME and REQ_PASSWORD, with no file variant, and the chart leaves them out when
 * Grafana reads its password from a file: without these, every reload is refused with a 401.
 */
function sidecarCredentials(): Values {
    return {
        envValueFrom: {
            REQ_USERNAME: { secretKeyRef: { name: GRAFANA_ADMIN_SECRET, key: "admin-user" } },
            REQ_PASSWORD: { secretKeyRef: { name: GRAFANA_ADMIN_SECRET, key: "admin-password" } },
        },
    };
}

function grafanaValues(namespace: string, storageClassName: pulumi.Input<string>, size: string): Values {
    // Dashboards and data sources come from ConfigMaps of this namespace only: the sidecars list
    // nothing cluster-wide and never Secrets.
    const sidecar = { resource: "configmap", searchNamespace: namespace, ...sidecarCredentials() };
    return {
        fullnameOverride: NAMES.grafana,
        admin: { existingSecret: GRAFANA_ADMIN_SECRET, userKey: "admin-user", passwordKey: "admin-password" },
        // The __FILE variant makes Grafana read the password from the mounted file, not a secretKeyRef env var.
        env: { GF_SECURITY_ADMIN_USER: "admin", GF_SECURITY_ADMIN_PASSWORD__FILE: `${GRAFANA_ADMIN_MOUNT}/admin-password` },
        extraSecretMounts: [{ name: "admin", secretName: GRAFANA_ADMIN_SECRET, mountPath: GRAFANA_ADMIN_MOUNT, readOnly: true }],
        // The chart's own rules read Secrets cluster-wide; the component's Role reads ConfigMaps here.
        rbac: { create: true, namespaced: true, useExistingRole: GRAFANA_SIDECAR_ROLE },
        sidecar: { securityContext: restrictedContainer(), resources: resources("20m", "64Mi", "100m", "128Mi"), dashboards: sidecar, datasources: sidecar },
        "grafana.ini": {
            "auth.anonymous": { enabled: false },
            users: { allow_sign_up: false, allow_org_create: false },
            security: { disable_gravatar: true, cookie_secure: true, cookie_samesite: "strict" },
            analytics: { reporting_enabled: false, check_for_updates: false, check_for_plugin_updates: false },
            snapshots: { external_enabled: false },
        },
        persistence: { enabled: true, type: "pvc", storageClassName, size, accessModes: ["ReadWriteOnce"] },
        // The chown init container runs as root; fsGroup gives the volume to Grafana instead.
        initChownData: { enabled: false },
        securityContext: restrictedPod(472),
        containerSecurityContext: restrictedContainer(),
        resources: resources("100m", "256Mi", "500m", "512Mi"),
        service: { type: "ClusterIP" },
        testFramework: { enabled: false },
    };
}

/** falcosidekick's Service port (the chart's default, fixed here so Falco's output URL names it). */
export const FALCOSIDEKICK_PORT = 2801;

export interface FalcoValuesInput {
    /** Where Alertmanager runs. */
    readonly monitoringNamespace: string;
    /** Where Falco and falcosidekick run. */
    readonly agentsNamespace: string;
    readonly imageRegistry?: string;
}

/** Falco's alert output: falcosidekick's Service by the name the component gives it. */
export function falcoOutputUrl(agentsNamespace: string): string {
    return `http://${NAMES.falcosidekick}.${agentsNamespace}.svc:${FALCOSIDEKICK_PORT}`;
}

/** Falco with the modern eBPF probe in least-privileged mode, alerting through falcosidekick to Alertmanager. */
export function falcoValues(input: FalcoValuesInput): Values {
    const registry = input.imageRegistry ? { registry: input.imageRegistry } : {};
    return {
        fullnameOverride: NAMES.falco,
        // Capabilities (BPF, PERFMON, SYS_RESOURCE, SYS_PTRACE) instead of a privileged container.
        driver: { kind: "modern_ebpf", modernEbpf: { leastPrivileged: true } },
        image: { ...registry },
        tty: false,
        // The chart's default URL is "<release>-falcosidekick", which is not the Service once
        // falcosidekick's name is fixed: alerts would go nowhere.
        falco: { json_output: true, priority: "notice", http_output: { enabled: true, url: falcoOutputUrl(input.agentsNamespace) } },
        resources: resources("100m", "512Mi", "1", "1Gi"),
        // Rules ship in the image; no sidecar fetching rule updates from the internet at run time.
        falcoctl: { artifact: { install: { enabled: false }, follow: { enabled: false } } },
        falcosidekick: {
            enabled: true,
            fullnameOverride: NAMES.falcosidekick,
            replicaCount: 2,
            image: { ...registry },
            service: { type: "ClusterIP", port: FALCOSIDEKICK_PORT },
            config: {
                alertmanager: {
                    hostport: `http://${ALERTMANAGER_SERVICE}.${input.monitoringNamespace}.svc:9093`,
                    // Alertmanager removed the v1 API (0.27); the chart still defaults to it.
                    endpoint: "/api/v2/alerts",
                    minimumpriority: "warning",
                },
            },
            webui: { enabled: false },
            podSecurityContext: restrictedPod(1234),
            securityContext: restrictedContainer(),
            resources: resources("50m", "64Mi", "200m", "128Mi"),
        },
    };
}

/** Fluent Bit reading container logs from the node, read-only, and shipping them to `outputs`. */
export function fluentBitValues(outputs: string | undefined, imageRegistry?: string): Values {
    return {
        fullnameOverride: NAMES.fluentBit,
        ...(imageRegistry ? { image: { repository: `${imageRegistry}/fluent/fluent-bit` } } : {}),
        podSecurityContext: { seccompProfile: { type: "RuntimeDefault" } },
        // Root only to read root-owned log files; no capabilities, so it can't bypass file permissions.
        securityContext: {
            runAsUser: 0,
            runAsNonRoot: false,
            allowPrivilegeEscalation: false,
            privileged: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
        },
        resources: resources("50m", "64Mi", "500m", "256Mi"),
        daemonSetVolumes: [
            { name: "varlog", hostPath: { path: "/var/log", type: "Directory" } },
            { name: "etcmachineid", hostPath: { path: "/etc/machine-id", type: "File" } },
        ],
        daemonSetVolumeMounts: [
            { name: "varlog", mountPath: "/var/log", readOnly: true },
            { name: "etcmachineid", mountPath: "/etc/machine-id", readOnly: true },
        ],
        config: { outputs: outputs ?? "[OUTPUT]\n    Name  null\n    Match *\n" },
        service: { type: "ClusterIP" },
        testFramework: { enabled: false },
    };
}
