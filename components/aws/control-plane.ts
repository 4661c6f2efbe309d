import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { CLUSTER_LOG_TYPES, type ClusterLogType } from "./args";
import { type ClusterContext, serviceRole } from "./context";
import { encryptedLogGroup } from "./encryption";

/** The cluster role: `AmazonEKSClusterPolicy` and nothing else (NIST 800-190 4.3.1). */
export function createClusterRole(ctx: ClusterContext): { role: aws.iam.Role; attachments: aws.iam.RolePolicyAttachment[] } {
    return serviceRole(
        ctx,
        "cluster-role",
        { Sid: "EksControlPlane", Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] },
        ["AmazonEKSClusterPolicy"],
    );
}

export interface ControlPlaneArgs {
    readonly version: string;
    readonly role: aws.iam.Role;
    readonly roleAttachments: aws.iam.RolePolicyAttachment[];
    readonly key: aws.kms.Key;
    readonly subnetIds: pulumi.Input<string>[];
    readonly retentionDays: number;
    /** The Kubernetes Service CIDR. */
    readonly serviceCidr: string;
    /** EKS deletion protection. */
    readonly deletionProtection: boolean;
    /** A weakening: the public endpoint, open to these networks only. */
    readonly publicEndpointCidrs?: string[];
    /** A weakening: log types not shipped. */
    readonly omitLogTypes?: ClusterLogType[];
}

/**
 * The EKS control plane: private endpoint only (CIS EKS 5.4.1, 5.4.2), Secrets envelope-encrypted
 * with the cluster key (5.3.1), every log type (2.1.1, 2.1.2) into an encrypted log group that exists
 * before the cluster, so EKS never creates it unencrypted and without retention. Access is by
 * access entries only (`API` mode, 4.1.7), and whoever runs the deployment gets no implicit admin.
 */
export function createControlPlane(ctx: ClusterContext, args: ControlPlaneArgs): { cluster: aws.eks.Cluster; logGroup: aws.cloudwatch.LogGroup } {
    // The audit trail outlives a mistaken delete: it is the evidence of what happened.
    const logGroup = encryptedLogGroup(ctx, "cluster-logs", `/aws/eks/${ctx.clusterName}/cluster`, args.key, args.retentionDays, { protect: ctx.protect });
    const omitted = new Set(args.omitLogTypes ?? []);
    const isPublic = args.publicEndpointCidrs !== undefined;

    const cluster = new aws.eks.Cluster(
        `${ctx.name}-cluster`,
        {
            name: ctx.clusterName,
            version: args.version,
            roleArn: args.role.arn,
            vpcConfig: {
                subnetIds: args.subnetIds,
                endpointPrivateAccess: true,
                endpointPublicAccess: isPublic,
                ...(isPublic ? { publicAccessCidrs: args.publicEndpointCidrs } : {}),
            },
            kubernetesNetworkConfig: { ipFamily: "ipv4", serviceIpv4Cidr: args.serviceCidr },
            deletionProtection: args.deletionProtection,
            encryptionConfig: { provider: { keyArn: args.key.arn }, resources: ["secrets"] },
            enabledClusterLogTypes: CLUSTER_LOG_TYPES.filter((t) => !omitted.has(t)),
            accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
            // The add-ons are managed (and pinned) below; EKS's unmanaged defaults would drift.
            bootstrapSelfManagedAddons: false,
            upgradePolicy: { supportType: "STANDARD" },
            tags: ctx.tags,
        },
        { parent: ctx.parent, dependsOn: [logGroup, ...args.roleAttachments], protect: ctx.protect },
    );
    return { cluster, logGroup };
}
