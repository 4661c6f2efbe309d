import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** What every concern file needs to name, tag and place its children. */
export interface ClusterContext {
    /** The component's name: children are `${name}-<role>`. */
    readonly name: string;
    readonly clusterName: string;
    readonly parent: pulumi.Resource;
    readonly tags: Record<string, string>;
    /** Whether the resources that hold state (key, cluster, audit logs, images) are protected from deletion. */
    readonly protect: boolean;
    readonly accountId: pulumi.Output<string>;
    readonly region: pulumi.Output<string>;
    readonly partition: pulumi.Output<string>;
    /** "amazonaws.com", "amazonaws.com.cn" in aws-cn: the suffix of regional endpoints. */
    readonly dnsSuffix: pulumi.Output<string>;
}

export function clusterContext(
    name: string,
    clusterName: string,
    parent: pulumi.Resource,
    tags: Record<string, string> | undefined,
    protect: boolean,
): ClusterContext {
    const opts = { parent };
    const partition = aws.getPartitionOutput({}, opts);
    return {
        name,
        clusterName,
        parent,
        protect,
        tags: { "bulwark:cluster": clusterName, "app.kubernetes.io/managed-by": "bulwark", ...tags },
        accountId: aws.getCallerIdentityOutput({}, opts).accountId,
        region: aws.getRegionOutput({}, opts).region,
        partition: partition.partition,
        dnsSuffix: partition.dnsSuffix,
    };
}

/** An IAM policy statement; written as plain JSON so it reads like the policy AWS stores. */
export interface Statement {
    readonly Sid?: string;
    readonly Effect: "Allow" | "Deny";
    readonly Principal?: Record<string, pulumi.Input<string> | pulumi.Input<string>[]>;
    readonly Action: string | string[];
    readonly Resource?: pulumi.Input<string> | pulumi.Input<string>[];
    readonly Condition?: Record<string, Record<string, pulumi.Input<string> | pulumi.Input<string>[]>>;
}

export function policyDocument(statements: Statement[]): pulumi.Output<string> {
    return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/** `arn:<partition>:iam::aws:policy/<name>`, an AWS-managed policy. */
export function managedPolicy(ctx: ClusterContext, policyName: string): pulumi.Output<string> {
    return pulumi.interpolate`arn:${ctx.partition}:iam::aws:policy/${policyName}`;
}

/** A role for an AWS service, with exactly the managed policies named. */
export function serviceRole(
    ctx: ClusterContext,
    role: string,
    trust: Statement,
    managedPolicies: string[],
): { role: aws.iam.Role; attachments: aws.iam.RolePolicyAttachment[] } {
    const iamRole = new aws.iam.Role(`${ctx.name}-${role}`, { assumeRolePolicy: policyDocument([trust]), tags: ctx.tags }, { parent: ctx.parent });
    const attachments = managedPolicies.map(
        (p) => new aws.iam.RolePolicyAttachment(`${ctx.name}-${role}-${p}`, { role: iamRole.name, policyArn: managedPolicy(ctx, p) }, { parent: ctx.parent }),
    );
    return { role: iamRole, attachments };
}

/**
 * The trust statement of an EKS Pod Identity role, held to one service account of this cluster by
 * the session tags Pod Identity sets on every assumption.
 */
export function podIdentityTrust(ctx: ClusterContext, namespace: string, serviceAccount: string): Statement {
    return {
        Sid: "AllowEksPodIdentity",
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
            StringEquals: {
                "aws:RequestTag/eks-cluster-name": ctx.clusterName,
                "aws:RequestTag/kubernetes-namespace": namespace,
                "aws:RequestTag/kubernetes-service-account": serviceAccount,
            },
        },
    };
}
