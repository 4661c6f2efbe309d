import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ADDON_NAMES, type AddonKey, type AddonVersions } from "./versions";
import { type ClusterContext, podIdentityTrust, policyDocument, serviceRole } from "./context";

/** Service accounts that get AWS permissions, each through its own Pod Identity role (CIS EKS 5.2.1). */
const WORKLOAD_IDENTITIES = {
    vpcCni: { namespace: "kube-system", serviceAccount: "aws-node", policies: ["AmazonEKS_CNI_Policy"] },
    ebsCsi: { namespace: "kube-system", serviceAccount: "ebs-csi-controller-sa", policies: ["service-role/AmazonEBSCSIDriverPolicy"] },
    cloudwatch: { namespace: "amazon-cloudwatch", serviceAccount: "cloudwatch-agent", policies: ["CloudWatchAgentServerPolicy"] },
} as const;

export type WorkloadIdentity = keyof typeof WORKLOAD_IDENTITIES;
export type WorkloadRoles = Record<WorkloadIdentity, { role: aws.iam.Role; attachments: pulumi.Resource[] }>;

/** The add-ons' roles, created before the key because the key policy names the CSI role. */
export function createWorkloadRoles(ctx: ClusterContext): WorkloadRoles {
    const roles = {} as WorkloadRoles;
    for (const [id, w] of Object.entries(WORKLOAD_IDENTITIES) as [WorkloadIdentity, (typeof WORKLOAD_IDENTITIES)[WorkloadIdentity]][]) {
        roles[id] = serviceRole(ctx, `${id}-role`, podIdentityTrust(ctx, w.namespace, w.serviceAccount), [...w.policies]);
    }
    return roles;
}

/** Lets the CSI driver use the cluster key for the volumes it creates, and no other key. */
export function grantCsiKey(ctx: ClusterContext, roles: WorkloadRoles, key: aws.kms.Key): aws.iam.RolePolicy {
    return new aws.iam.RolePolicy(
        `${ctx.name}-ebsCsi-role-kms`,
        {
            role: roles.ebsCsi.role.id,
            policy: policyDocument([
                {
                    Sid: "ClusterKeyForVolumes",
                    Effect: "Allow",
                    Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                    Resource: key.arn,
                    Condition: { StringEquals: { "kms:ViaService": pulumi.interpolate`ec2.${ctx.region}.${ctx.dnsSuffix}` } },
                },
                {
                    Sid: "ClusterKeyGrantsForAttachments",
                    Effect: "Allow",
                    Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
                    Resource: key.arn,
                    Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
                },
            ]),
        },
        { parent: ctx.parent },
    );
}

export interface AddonsArgs {
    readonly cluster: aws.eks.Cluster;
    /** Pinned versions; an add-on absent here gets EKS's default version for `kubernetesVersion`. */
    readonly versions: Partial<AddonVersions>;
    readonly kubernetesVersion: string;
    readonly roles: WorkloadRoles;
    /** Log groups Container Insights writes to, created encrypted beforehand. */
    readonly insightsLogGroups: pulumi.Resource[];
    /** The CSI role's grant on the cluster key: without it the first encrypted volume fails. */
    readonly csiKeyGrant: pulumi.Resource;
}

export interface ClusterAddons {
    /** What nodes need to become Ready: created before the node groups. */
    readonly beforeNodes: aws.eks.Addon[];
    readonly podIdentityAssociations: aws.eks.PodIdentityAssociation[];
    /** The rest, created once nodes can run them. */
    createAfterNodes(nodeGroups: pulumi.Resource[]): { coredns: aws.eks.Addon; ebsCsiDriver: aws.eks.Addon; containerInsights: aws.eks.Addon };
}

/**
 * The EKS add-ons, each pinned. The VPC CNI enforces NetworkPolicy (CIS EKS 4.3.1, 5.4.4; NSA/CISA
 * 3); the EBS CSI driver, the CNI and the CloudWatch agent get AWS access only via Pod Identity;
 * Container Insights reports resource use per pod and node.
 */
export function createAddons(ctx: ClusterContext, args: AddonsArgs): ClusterAddons {
    const opts = { parent: ctx.parent };
    const association = (id: WorkloadIdentity) => {
        const w = WORKLOAD_IDENTITIES[id];
        return new aws.eks.PodIdentityAssociation(
            `${ctx.name}-${id}`,
            { clusterName: args.cluster.name, namespace: w.namespace, serviceAccount: w.serviceAccount, roleArn: args.roles[id].role.arn, tags: ctx.tags },
            { ...opts, dependsOn: args.roles[id].attachments },
        );
    };
    const versionOf = (key: AddonKey): pulumi.Input<string> =>
        args.versions[key] ??
        aws.eks.getAddonVersionOutput({ addonName: ADDON_NAMES[key], kubernetesVersion: args.kubernetesVersion, mostRecent: false }, opts).version;
    const addon = (addonName: string, version: pulumi.Input<string>, dependsOn: pulumi.Resource[], configurationValues?: object) =>
        new aws.eks.Addon(
            `${ctx.name}-${addonName}`,
            {
                clusterName: args.cluster.name,
                addonName,
                addonVersion: version,
                resolveConflictsOnCreate: "OVERWRITE",
                resolveConflictsOnUpdate: "OVERWRITE",
                ...(configurationValues ? { configurationValues: JSON.stringify(configurationValues) } : {}),
                tags: ctx.tags,
            },
            { ...opts, dependsOn },
        );

    const podIdentityAgent = addon("eks-pod-identity-agent", versionOf("podIdentityAgent"), []);
    const cniIdentity = association("vpcCni");
    const vpcCni = addon("vpc-cni", versionOf("vpcCni"), [podIdentityAgent, cniIdentity], { enableNetworkPolicy: "true" });
    const kubeProxy = addon("kube-proxy", versionOf("kubeProxy"), []);
    const csiIdentity = association("ebsCsi");
    const insightsIdentity = association("cloudwatch");

    return {
        beforeNodes: [podIdentityAgent, vpcCni, kubeProxy],
        podIdentityAssociations: [cniIdentity, csiIdentity, insightsIdentity],
        createAfterNodes: (nodeGroups) => ({
            coredns: addon("coredns", versionOf("coredns"), nodeGroups),
            ebsCsiDriver: addon("aws-ebs-csi-driver", versionOf("ebsCsiDriver"), [...nodeGroups, csiIdentity, args.csiKeyGrant]),
            containerInsights: addon("amazon-cloudwatch-observability", versionOf("cloudwatchObservability"), [
                ...nodeGroups,
                insightsIdentity,
                ...args.insightsLogGroups,
            ]),
        }),
    };
}

/**
 * GuardDuty EKS Runtime Monitoring with GuardDuty managing its agent add-on. The feature is set on
 * the account's detector, so it covers every cluster of the account in the region.
 */
export function enableRuntimeMonitoring(ctx: ClusterContext, detectorId: pulumi.Input<string> | undefined): aws.guardduty.DetectorFeature {
    const opts = { parent: ctx.parent };
    const detector = detectorId ?? new aws.guardduty.Detector(`${ctx.name}-guardduty`, { enable: true, tags: ctx.tags }, opts).id;
    return new aws.guardduty.DetectorFeature(
        `${ctx.name}-runtime-monitoring`,
        { detectorId: detector, name: "RUNTIME_MONITORING", status: "ENABLED", additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }] },
        opts,
    );
}
