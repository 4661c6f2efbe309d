import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { NodeGroupArgs, WeakeningArgs } from "./args";
import { type ClusterContext, policyDocument, serviceRole } from "./context";

/**
 * The node role (CIS EKS 5.1.3, 5.2.1; NIST 800-190 4.3.5): `AmazonEKSWorkerNodePolicy` and
 * `AmazonEC2ContainerRegistryReadOnly` only. `AmazonEKS_CNI_Policy` is left off: the VPC CNI gets
 * it through its own Pod Identity role, so a pod that reached the instance profile could not
 * rewire the node's network interfaces. With pull-through cache rules, nodes may also import
 * upstream images into those prefixes (the first pull creates the cached repository).
 */
export function createNodeRole(ctx: ClusterContext, cachePrefixes: string[]): { role: aws.iam.Role; attachments: pulumi.Resource[] } {
    const { role, attachments } = serviceRole(
        ctx,
        "node-role",
        { Sid: "Ec2Nodes", Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
        ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly"],
    );
    const extra: pulumi.Resource[] = [];
    if (cachePrefixes.length > 0) {
        extra.push(
            new aws.iam.RolePolicy(
                `${ctx.name}-node-role-pull-through`,
                {
                    role: role.id,
                    policy: policyDocument([
                        {
                            Sid: "ImportIntoPullThroughCacheOnly",
                            Effect: "Allow",
                            Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"],
                            Resource: cachePrefixes.map((p) => pulumi.interpolate`arn:${ctx.partition}:ecr:${ctx.region}:${ctx.accountId}:repository/${p}/*`),
                        },
                    ]),
                },
                { parent: ctx.parent },
            ),
        );
    }
    return { role, attachments: [...attachments, ...extra] };
}

export interface NodeGroupsArgs {
    readonly cluster: aws.eks.Cluster;
    readonly vpcId: pulumi.Input<string>;
    readonly subnetIds: pulumi.Input<string>[];
    readonly role: aws.iam.Role;
    readonly roleAttachments: pulumi.Resource[];
    readonly key: aws.kms.Key;
    readonly groups: NodeGroupArgs[];
    /** Add-ons a node needs to become Ready (CNI, Pod Identity agent, kube-proxy). */
    readonly dependsOn: pulumi.Resource[];
    readonly sshAccess?: WeakeningArgs["sshAccess"];
}

function rootVolumes(amiType: string, sizeGiB: number, key: aws.kms.Key) {
    const ebs = { volumeSize: sizeGiB, volumeType: "gp3", encrypted: "true", kmsKeyId: key.arn, deleteOnTermination: "true" };
    // Bottlerocket boots from a small OS volume and keeps images and pods on a second, data volume.
    return amiType.startsWith("BOTTLEROCKET")
        ? [
              { deviceName: "/dev/xvda", ebs: { ...ebs, volumeSize: 4 } },
              { deviceName: "/dev/xvdb", ebs },
          ]
        : [{ deviceName: "/dev/xvda", ebs }];
}

/**
 * Managed node groups in the private subnets (CIS EKS 5.4.3), from launch templates that require
 * IMDSv2 with a hop limit of 1, so pods cannot borrow the node's credentials (NIST 800-190 4.3.5,
 * 4.5.4), with gp3 root volumes encrypted by the cluster key and, unless weakened, no SSH key.
 */
export function createNodeGroups(
    ctx: ClusterContext,
    args: NodeGroupsArgs,
): { launchTemplates: aws.ec2.LaunchTemplate[]; nodeGroups: aws.eks.NodeGroup[]; sshSecurityGroup?: aws.ec2.SecurityGroup } {
    const opts = { parent: ctx.parent };
    let sshSecurityGroup: aws.ec2.SecurityGroup | undefined;
    if (args.sshAccess) {
        sshSecurityGroup = new aws.ec2.SecurityGroup(
            `${ctx.name}-node-ssh`,
            {
                vpcId: args.vpcId,
                description: `SSH to ${ctx.clusterName} nodes for debugging (a declared weakening)`,
                ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: args.sshAccess.sourceCidrs, description: "debug SSH" }],
                tags: ctx.tags,
            },
            opts,
        );
    }

    const launchTemplates: aws.ec2.LaunchTemplate[] = [];
    const nodeGroups = args.groups.map((g) => {
        const amiType = g.amiType ?? "AL2023_x86_64_STANDARD";
        const minSize = g.minSize ?? 2;
        const launchTemplate = new aws.ec2.LaunchTemplate(
            `${ctx.name}-${g.name}`,
            {
                description: `Nodes of ${ctx.clusterName}/${g.name}`,
                updateDefaultVersion: true,
                metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
                blockDeviceMappings: rootVolumes(amiType, g.diskSizeGiB ?? 50, args.key),
                ...(args.sshAccess && sshSecurityGroup
                    ? {
                          keyName: args.sshAccess.keyName,
                          // Naming any group replaces EKS's default, so the cluster group comes along.
                          vpcSecurityGroupIds: [args.cluster.vpcConfig.clusterSecurityGroupId, sshSecurityGroup.id],
                      }
                    : {}),
                tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
                    resourceType,
                    tags: { ...ctx.tags, "bulwark:node-group": g.name },
                })),
                tags: ctx.tags,
            },
            opts,
        );
        launchTemplates.push(launchTemplate);
        return new aws.eks.NodeGroup(
            `${ctx.name}-${g.name}`,
            {
                clusterName: args.cluster.name,
                nodeGroupNamePrefix: `${g.name}-`,
                version: args.cluster.version,
                nodeRoleArn: args.role.arn,
                subnetIds: args.subnetIds,
                amiType,
                capacityType: g.capacityType ?? "ON_DEMAND",
                instanceTypes: g.instanceTypes ?? ["m7i.large"],
                scalingConfig: { minSize, desiredSize: g.desiredSize ?? minSize, maxSize: g.maxSize ?? 6 },
                updateConfig: { maxUnavailablePercentage: 33 },
                launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply((v) => `${v}`) },
                labels: g.labels,
                taints: g.taints,
                tags: ctx.tags,
            },
            { ...opts, dependsOn: [...args.roleAttachments, ...args.dependsOn], ignoreChanges: ["scalingConfig.desiredSize"] },
        );
    });
    return { launchTemplates, nodeGroups, sshSecurityGroup };
}
