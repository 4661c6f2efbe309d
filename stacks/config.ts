/**
 * The stack's config, read once and checked all at once: every problem names its config key and
 * the fix, before any resource is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_KUBERNETES_VERSION, TEAM_ROLES, type TeamRole } from "../components/aws/args";
import { throwIfInvalid, type Problem } from "../components/validation";

export interface TeamGrant {
    readonly team: string;
    readonly role: TeamRole;
}

/** A digest-pinned image that serves HTTP on 8080 as non-root with a read-only root: the sample workload. */
export const DEFAULT_SAMPLE_IMAGE =
    "docker.io/nginxinc/nginx-unprivileged:1.27-alpine@sha256:65e3e85dbaed8ba248841d9d58a899b6197106c23cb0ff1a132b7bfe0547e4c0";

export interface EncryptedStorageConfig {
    readonly provisioner: string;
    readonly encryptionParameter: string;
    readonly parameters: Record<string, string>;
}

export interface PlatformConfig {
    /** "eks": build the hardened EKS cluster; "kubeconfig": use the cluster the current kubeconfig context points at. */
    readonly cluster: "eks" | "kubeconfig";
    /** kubeconfig mode: the cluster's StorageClass for the monitoring volumes. */
    readonly storageClassName: string;
    /** kubeconfig mode: an encrypting CSI driver's class to create and use instead. */
    readonly encryptedStorage?: EncryptedStorageConfig;
    /** The sample SecureWorkload's image (empty: no sample). */
    readonly sampleImage: string;
    /** Registries the sample workload may pull from. */
    readonly allowedRegistries: string[];
    /** Scrape control-plane components (self-managed clusters that expose them). */
    readonly controlPlaneMetrics: boolean;
    readonly clusterName: string;
    readonly kubernetesVersion: string;
    readonly vpcCidr: string;
    readonly natGateways: "per-az" | "single";
    readonly nodeInstanceTypes: string[];
    readonly nodeMinSize: number;
    readonly nodeMaxSize: number;
    readonly logRetentionDays: number;
    readonly adminPrincipalArns: string[];
    readonly teams: TeamGrant[];
    readonly approvedRepositories: string[];
    readonly publicEndpointCidrs: string[];
    readonly guardDutyRuntimeMonitoring: boolean;
    readonly grafanaAdminPassword?: pulumi.Output<string>;
}

const TEAM = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?):([a-z]+)$/;
/** Namespaces the cluster or the platform itself uses: a team gets a namespace named after it. */
const RESERVED_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease", "monitoring", "monitoring-agents"];

export function readPlatformConfig(config: pulumi.Config = new pulumi.Config()): PlatformConfig {
    const problems: Problem[] = [];
    const key = (k: string) => `${config.name}:${k}`;
    const natGateways = config.get("natGateways") ?? "per-az";
    if (natGateways !== "per-az" && natGateways !== "single") {
        problems.push({ propertyPath: key("natGateways"), reason: `must be "per-az" or "single", not "${natGateways}"` });
    }
    const teams: TeamGrant[] = [];
    (config.getObject<string[]>("teams") ?? []).forEach((entry, i) => {
        const m = TEAM.exec(String(entry));
        if (!m || !(TEAM_ROLES as readonly string[]).includes(m[3])) {
            problems.push({
                propertyPath: `${key("teams")}[${i}]`,
                reason: `"${entry}" must be "<team>:<role>" with a DNS-label team and a role of ${TEAM_ROLES.join(", ")}`,
            });
            return;
        }
        if (RESERVED_NAMESPACES.includes(m[1])) {
            problems.push({
                propertyPath: `${key("teams")}[${i}]`,
                reason: `"${m[1]}" is a namespace the platform owns (${RESERVED_NAMESPACES.join(", ")}); give the team another name`,
            });
            return;
        }
        teams.push({ team: m[1], role: m[3] as TeamRole });
    });
    const cluster = config.get("cluster") ?? "eks";
    if (cluster !== "eks" && cluster !== "kubeconfig") {
        problems.push({ propertyPath: key("cluster"), reason: `must be "eks" (build the hardened EKS cluster) or "kubeconfig" (use the current context), not "${cluster}"` });
    }
    const encryptedStorage = config.getObject<EncryptedStorageConfig>("encryptedStorage");
    if (encryptedStorage !== undefined && (typeof encryptedStorage.provisioner !== "string" || typeof encryptedStorage.encryptionParameter !== "string")) {
        problems.push({ propertyPath: key("encryptedStorage"), reason: "must give the CSI driver's provisioner and the parameter that turns encryption on (encryptionParameter)" });
    }
    const min = config.getNumber("nodeMinSize") ?? 2;
    const max = config.getNumber("nodeMaxSize") ?? 6;
    if (max < min) problems.push({ propertyPath: key("nodeMaxSize"), reason: `(${max}) must be at least nodeMinSize (${min})` });
    throwIfInvalid(`stack config (Pulumi.${pulumi.getStack()}.yaml)`, problems);
    return {
        cluster: cluster as "eks" | "kubeconfig",
        storageClassName: config.get("storageClassName") || "standard",
        ...(encryptedStorage ? { encryptedStorage: { ...encryptedStorage, parameters: encryptedStorage.parameters ?? {} } } : {}),
        sampleImage: config.get("sampleImage") ?? DEFAULT_SAMPLE_IMAGE,
        allowedRegistries: config.getObject<string[]>("allowedRegistries") ?? ["docker.io/nginxinc"],
        controlPlaneMetrics: config.getBoolean("controlPlaneMetrics") ?? false,
        clusterName: config.get("clusterName") ?? "bulwark",
        // Empty or unset: the newest version in EKS standard support, by the release calendar.
        kubernetesVersion: config.get("kubernetesVersion") || DEFAULT_KUBERNETES_VERSION,
        vpcCidr: config.get("vpcCidr") ?? "10.0.0.0/16",
        natGateways: natGateways as "per-az" | "single",
        nodeInstanceTypes: config.getObject<string[]>("nodeInstanceTypes") ?? ["m7i.large"],
        nodeMinSize: min,
        nodeMaxSize: max,
        logRetentionDays: config.getNumber("logRetentionDays") ?? 365,
        adminPrincipalArns: config.getObject<string[]>("adminPrincipalArns") ?? [],
        teams,
        approvedRepositories: config.getObject<string[]>("approvedRepositories") ?? [],
        publicEndpointCidrs: config.getObject<string[]>("publicEndpointCidrs") ?? [],
        guardDutyRuntimeMonitoring: config.getBoolean("guardDutyRuntimeMonitoring") ?? false,
        grafanaAdminPassword: config.getSecret("grafanaAdminPassword"),
    };
}
