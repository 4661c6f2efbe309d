import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type ClusterContext, policyDocument } from "./context";

/** Log-group name prefixes of this cluster; the key decrypts only for them (CIS EKS 5.3.1). */
export function logGroupPrefixes(clusterName: string): string[] {
    return [`/aws/eks/${clusterName}/`, `/aws/vpc/${clusterName}/`, `/aws/containerinsights/${clusterName}/`];
}

export interface ClusterKeyArgs {
    readonly deletionWindowDays: number;
    /** The EKS cluster role: envelope encryption of Secrets. */
    readonly clusterRoleArn: pulumi.Input<string>;
    /** The EBS CSI driver's Pod Identity role: volumes it provisions. */
    readonly ebsCsiRoleArn: pulumi.Input<string>;
    /** Resources the key policy's principals need first (KMS refuses a policy naming a role that does not exist). */
    readonly dependsOn?: pulumi.Resource[];
}

/**
 * The cluster's customer-managed key, rotating yearly, for Secrets (envelope encryption), node and
 * CSI volumes, log groups and ECR. Its policy names each principal that uses it; the account root
 * statement keeps the key administrable through IAM and is the only broad grant.
 */
export function createClusterKey(ctx: ClusterContext, args: ClusterKeyArgs): { key: aws.kms.Key; alias: aws.kms.Alias } {
    const root = pulumi.interpolate`arn:${ctx.partition}:iam::${ctx.accountId}:root`;
    // Node root volumes are created by the Auto Scaling service-linked role of the managed node
    // group's ASG, not by the node role: it is the principal that needs the key for them. The role
    // must exist in the account (it does once any ASG was created, or via
    // `aws iam create-service-linked-role --aws-service-name autoscaling.amazonaws.com`).
    const autoscaling = pulumi.interpolate`arn:${ctx.partition}:iam::${ctx.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
    const ebsUsers = [autoscaling, args.ebsCsiRoleArn];
    const logGroupArns = logGroupPrefixes(ctx.clusterName).map((p) => pulumi.interpolate`arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${p}*`);

    const policy = policyDocument([
        { Sid: "AccountRootAdministers", Effect: "Allow", Principal: { AWS: root }, Action: "kms:*", Resource: "*" },
        {
            Sid: "CloudWatchLogsForThisClusterOnly",
            Effect: "Allow",
            Principal: { Service: pulumi.interpolate`logs.${ctx.region}.${ctx.dnsSuffix}` },
            Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resource: "*",
            Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": logGroupArns } },
        },
        {
            Sid: "EksEnvelopeEncryptsSecrets",
            Effect: "Allow",
            Principal: { AWS: args.clusterRoleArn },
            Action: ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey", "kms:ListGrants"],
            Resource: "*",
        },
        {
            Sid: "EbsVolumesThroughEc2",
            Effect: "Allow",
            Principal: { AWS: ebsUsers },
            Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
            Resource: "*",
            Condition: { StringEquals: { "kms:ViaService": pulumi.interpolate`ec2.${ctx.region}.${ctx.dnsSuffix}`, "kms:CallerAccount": ctx.accountId } },
        },
        {
            Sid: "EbsAttachmentGrants",
            Effect: "Allow",
            Principal: { AWS: ebsUsers },
            Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
            Resource: "*",
            Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
        },
    ]);

    const key = new aws.kms.Key(
        `${ctx.name}-key`,
        {
            description: `Bulwark EKS cluster ${ctx.clusterName}: Secrets, volumes, logs and images`,
            keyUsage: "ENCRYPT_DECRYPT",
            customerMasterKeySpec: "SYMMETRIC_DEFAULT",
            enableKeyRotation: true,
            rotationPeriodInDays: 365,
            deletionWindowInDays: args.deletionWindowDays,
            policy,
            tags: ctx.tags,
        },
        // Deleting the key loses every Secret and volume it encrypts.
        { parent: ctx.parent, protect: ctx.protect, dependsOn: args.dependsOn ?? [] },
    );
    const alias = new aws.kms.Alias(`${ctx.name}-key-alias`, { name: `alias/bulwark/${ctx.clusterName}`, targetKeyId: key.keyId }, { parent: ctx.parent });
    return { key, alias };
}

/** A log group encrypted with the cluster key, with retention: created before whatever writes to it. */
export function encryptedLogGroup(
    ctx: ClusterContext,
    role: string,
    logGroupName: string,
    key: aws.kms.Key,
    retentionDays: number,
    options: { protect?: boolean } = {},
): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(
        `${ctx.name}-${role}`,
        { name: logGroupName, kmsKeyId: key.arn, retentionInDays: retentionDays, tags: ctx.tags },
        { parent: ctx.parent, protect: options.protect ?? false },
    );
}
