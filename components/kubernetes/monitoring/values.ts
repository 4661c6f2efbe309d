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
    readonly storageClassName: pulumi.Input<string>;
    readonly agentsNamespace: string;
    readonly retention: string;
    readonly sizes: { prometheus: string; alertmanager: string; grafana: string };
    readonly imageRegistry?: string;
}

/** kube-prometheus-stack: Prometheus, Alertmanager, Grafana, kube-state-metrics, node-exporter. */
export function prometheusStackValues(input: StackValuesInput): Values {
    const { storageClassName, sizes } = input;
    return {
        fullnameOverride: NAMES.stack,
        ...(input.imageRegistry ? { global: { imageRegistry: input.imageRegistry } } : {}),
        prometheusOperator: {
            securityContext: restrictedPod(65534),
            containerSecurityContext: restrictedContainer(),
            resources: resources("100m", "128Mi", "500m", "512Mi"),
            admissionWebhooks: { patch: { securityContext: restrictedPod(2000) } },
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
        grafana: grafanaValues(storageClassName, sizes.grafana),
        "kube-state-metrics": {
            fullnameOverride: NAMES.kubeStateMetrics,
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

function grafanaValues(storageClassName: pulumi.Input<string>, size: string): Values {
    return {
        fullnameOverride: NAMES.grafana,
        admin: { existingSecret: GRAFANA_ADMIN_SECRET, userKey: "admin-user", passwordKey: "admin-password" },
        // The __FILE variant makes the chart read the password from the mounted file, not a secretKeyRef env var.
        env: { GF_SECURITY_ADMIN_USER: "admin", GF_SECURITY_ADMIN_PASSWORD__FILE: `${GRAFANA_ADMIN_MOUNT}/admin-password` },
        extraSecretMounts: [{ name: "admin", secretName: GRAFANA_ADMIN_SECRET, mountPath: GRAFANA_ADMIN_MOUNT, readOnly: true }],
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

/** Falco with the modern eBPF probe in least-privileged mode, alerting through falcosidekick to Alertmanager. */
export function falcoValues(monitoringNamespace: string, imageRegistry?: string): Values {
    const registry = imageRegistry ? { registry: imageRegistry } : {};
    return {
        fullnameOverride: NAMES.falco,
        // Capabilities (BPF, PERFMON, SYS_RESOURCE, SYS_PTRACE) instead of a privileged container.
        driver: { kind: "modern_ebpf", modernEbpf: { leastPrivileged: true } },
        image: { ...registry },
        tty: false,
        falco: { json_output: true, priority: "notice" },
        resources: resources("100m", "512Mi", "1", "1Gi"),
        // Rules ship in the image; no sidecar fetching rule updates from the internet at run time.
        falcoctl: { artifact: { install: { enabled: false }, follow: { enabled: false } } },
        falcosidekick: {
            enabled: true,
            fullnameOverride: NAMES.falcosidekick,
            replicaCount: 2,
            image: { ...registry },
            config: {
                alertmanager: {
                    hostport: `http://${ALERTMANAGER_SERVICE}.${monitoringNamespace}.svc:9093`,
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
