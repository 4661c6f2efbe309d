/**
 * The platform. `cluster: eks` (the default) builds a hardened EKS cluster and puts the Kubernetes
 * layer on it; `cluster: kubeconfig` puts the same layer on whatever cluster the current kubeconfig
 * context points at (kind, minikube, any cloud). Every value comes from the stack's config
 * (`Pulumi.<stack>.yaml`).
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { HardenedCluster } from "../components/aws";
import { EncryptedStorageClass } from "../components/kubernetes";
import { type PlatformConfig, readPlatformConfig } from "./config";
import { kubernetesLayer } from "./kubernetes-layer";

async function onEks(cfg: PlatformConfig) {
    // The Auto Scaling service-linked role is one per account and cannot be created twice.
    const autoScalingRoles = await aws.iam.getRoles({ pathPrefix: "/aws-service-role/autoscaling.amazonaws.com/" });
    const cluster = new HardenedCluster(cfg.clusterName, {
        createAutoScalingServiceLinkedRole: (autoScalingRoles.names ?? []).length === 0,
        kubernetesVersion: cfg.kubernetesVersion,
        network: { cidrBlock: cfg.vpcCidr, natGateways: cfg.natGateways },
        nodeGroups: [{ name: "system", instanceTypes: cfg.nodeInstanceTypes, minSize: cfg.nodeMinSize, maxSize: cfg.nodeMaxSize }],
        logRetentionDays: cfg.logRetentionDays,
        access: {
            ...(cfg.adminPrincipalArns.length > 0 ? { adminPrincipalArns: cfg.adminPrincipalArns } : {}),
            teams: cfg.teams.map((t) => ({ name: t.team, role: t.role })),
        },
        registry: { repositories: cfg.approvedRepositories },
        guardDutyRuntimeMonitoring: cfg.guardDutyRuntimeMonitoring ? {} : undefined,
        weakenings: cfg.publicEndpointCidrs.length > 0 ? { publicEndpointCidrs: cfg.publicEndpointCidrs } : undefined,
    });
    const layer = kubernetesLayer(cfg, {
        provider: cluster.provider,
        storageClassName: cluster.storageClassName,
        // The `kubernetes` Service address (what the VPC CNI's policy agent sees) and the VPC.
        apiServerCidrs: cluster.apiServerCidrs,
        nodeCidrs: [cfg.vpcCidr],
        allowedRegistries: cfg.allowedRegistries,
    });
    return {
        clusterName: cluster.clusterName,
        kubernetesVersion: cfg.kubernetesVersion,
        endpoint: cluster.endpoint,
        clusterSecurityGroupId: cluster.clusterSecurityGroupId,
        serviceCidr: cluster.serviceCidr,
        oidcIssuer: cluster.oidcIssuer,
        kubeconfig: cluster.kubeconfig,
        kmsKeyArn: cluster.kmsKeyArn,
        registryHost: cluster.registryHost,
        repositoryUrls: cluster.repositoryUrls,
        adminRoleArn: cluster.adminRoleArn,
        viewerRoleArn: cluster.viewerRoleArn,
        teamRoleArns: cluster.teamRoleArns,
        storageClassName: cluster.storageClassName,
        ...layer,
    };
}

function onKubeconfig(cfg: PlatformConfig) {
    // No kubeconfig given: the provider reads $KUBECONFIG or ~/.kube/config, current context.
    const provider = new k8s.Provider("cluster", { enableServerSideApply: true });
    const storage = cfg.encryptedStorage
        ? new EncryptedStorageClass("encrypted", { provider, ...cfg.encryptedStorage, isDefault: false, storageClassName: "encrypted" }).storageClassName
        : cfg.storageClassName;
    const layer = kubernetesLayer(cfg, { provider, storageClassName: storage, allowedRegistries: cfg.allowedRegistries });
    return { storageClassName: storage, ...layer };
}

export async function platform() {
    const cfg = readPlatformConfig();
    return cfg.cluster === "eks" ? onEks(cfg) : onKubeconfig(cfg);
}
