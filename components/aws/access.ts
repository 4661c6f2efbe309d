import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type AccessArgs, BREAK_GLASS_GROUP, type PipelineDeployerArgs, type TeamRole } from "./args";
import { type ClusterContext, policyDocument, type Statement } from "./context";

/** Longest an MFA sign-in may be before it no longer opens a session, and longest a session lasts. */
export const MFA_MAX_AGE_SECONDS = 3600;

/** Assumable only by these principals (default: the account's), with MFA no older than an hour. */
export function mfaTrust(ctx: ClusterContext, principalArns: string[] | undefined): Statement {
    return {
        Sid: "HumansWithRecentMfa",
        Effect: "Allow",
        Principal: { AWS: principalArns ?? [pulumi.interpolate`arn:${ctx.partition}:iam::${ctx.accountId}:root`] },
        Action: "sts:AssumeRole",
        Condition: {
            Bool: { "aws:MultiFactorAuthPresent": "true" },
            NumericLessThanEquals: { "aws:MultiFactorAuthAge": `${MFA_MAX_AGE_SECONDS}` },
        },
    };
}

/** The Kubernetes group of the pipelines' deployer role. */
export const PIPELINE_DEPLOYER_GROUP = "bulwark:pipeline:deployer";

/** Assumable only by web identity from one OIDC provider, for the listed subjects and audience. */
export function oidcTrust(d: PipelineDeployerArgs): Statement {
    const issuer = d.oidcProviderArn.replace(/^arn:[^:]+:iam::\d{12}:oidc-provider\//, "");
    const wildcard = d.subjects.some((sub) => sub.includes("*"));
    return {
        Sid: "PipelineWebIdentity",
        Effect: "Allow",
        Principal: { Federated: d.oidcProviderArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
            StringEquals: { [`${issuer}:aud`]: d.audience ?? "sts.amazonaws.com", ...(wildcard ? {} : { [`${issuer}:sub`]: d.subjects }) },
            ...(wildcard ? { StringLike: { [`${issuer}:sub`]: d.subjects } } : {}),
        },
    };
}

export interface ClusterAccess {
    readonly adminRole: aws.iam.Role;
    readonly viewerRole: aws.iam.Role;
    readonly teamRoles: { team: string; role: TeamRole; iamRole: aws.iam.Role; group: string }[];
    /** The pipelines' deployer role, when `deployer` is given. */
    readonly deployerRole?: aws.iam.Role;
    readonly accessEntries: aws.eks.AccessEntry[];
    readonly policyAssociations: aws.eks.AccessPolicyAssociation[];
}

/**
 * Human access (CIS EKS 4.1.1, 4.1.7, 5.5.1; NIST 800-190 4.3.1; NSA/CISA 5): IAM roles only, each
 * behind recent MFA and one-hour sessions, mapped by EKS access entries. A break-glass admin role
 * holds cluster admin; a viewer role can read but not Secrets (`AmazonEKSViewPolicy`); team roles
 * get only their Kubernetes group, which the in-cluster RBAC binds. No IAM user, no access key.
 */
export function createAccess(ctx: ClusterContext, cluster: aws.eks.Cluster, args: AccessArgs | undefined): ClusterAccess {
    const opts = { parent: ctx.parent };
    const accessEntries: aws.eks.AccessEntry[] = [];
    const policyAssociations: aws.eks.AccessPolicyAssociation[] = [];

    const clusterRole = (role: string, description: string, trust: Statement) => {
        const iamRole = new aws.iam.Role(
            `${ctx.name}-${role}`,
            { description, assumeRolePolicy: policyDocument([trust]), maxSessionDuration: MFA_MAX_AGE_SECONDS, tags: ctx.tags },
            opts,
        );
        // Enough to write a kubeconfig with `aws eks update-kubeconfig`; Kubernetes rights come from the access entry.
        new aws.iam.RolePolicy(
            `${ctx.name}-${role}-describe`,
            { role: iamRole.id, policy: policyDocument([{ Sid: "DescribeThisCluster", Effect: "Allow", Action: "eks:DescribeCluster", Resource: cluster.arn }]) },
            opts,
        );
        return iamRole;
    };
    const humanRole = (role: string, description: string, principals: string[] | undefined) => clusterRole(role, description, mfaTrust(ctx, principals));
    const entry = (role: string, iamRole: aws.iam.Role, kubernetesGroups: string[]) => {
        const e = new aws.eks.AccessEntry(
            `${ctx.name}-${role}`,
            { clusterName: cluster.name, principalArn: iamRole.arn, type: "STANDARD", kubernetesGroups, tags: ctx.tags },
            opts,
        );
        accessEntries.push(e);
        return e;
    };
    const clusterPolicy = (role: string, iamRole: aws.iam.Role, accessEntry: aws.eks.AccessEntry, policy: string) => {
        policyAssociations.push(
            new aws.eks.AccessPolicyAssociation(
                `${ctx.name}-${role}`,
                {
                    clusterName: cluster.name,
                    principalArn: iamRole.arn,
                    policyArn: pulumi.interpolate`arn:${ctx.partition}:eks::aws:cluster-access-policy/${policy}`,
                    accessScope: { type: "cluster" },
                },
                { ...opts, dependsOn: [accessEntry] },
            ),
        );
    };

    const adminRole = humanRole("break-glass-admin", `Break-glass cluster admin of ${ctx.clusterName}: MFA, one-hour sessions`, args?.adminPrincipalArns);
    clusterPolicy("break-glass-admin", adminRole, entry("break-glass-admin", adminRole, [BREAK_GLASS_GROUP]), "AmazonEKSClusterAdminPolicy");

    const viewerRole = humanRole("viewer", `Read-only (no Secrets) access to ${ctx.clusterName}: MFA, one-hour sessions`, args?.viewerPrincipalArns);
    clusterPolicy("viewer", viewerRole, entry("viewer", viewerRole, []), "AmazonEKSViewPolicy");

    const teamRoles = (args?.teams ?? []).map((t) => {
        const role = `team-${t.name}-${t.role}`;
        const group = `bulwark:${t.name}:${t.role}`;
        const iamRole = humanRole(role, `Team ${t.name} as ${t.role} on ${ctx.clusterName}: Kubernetes group ${group}, MFA`, t.principalArns);
        entry(role, iamRole, [group]);
        return { team: t.name, role: t.role, iamRole, group };
    });
    // Pipelines carry no MFA (web identity sessions never do): their own role, held to exact subjects,
    // with a Kubernetes group and no access policy, so RBAC in the target namespaces is all it has.
    let deployerRole: aws.iam.Role | undefined;
    if (args?.deployer) {
        deployerRole = clusterRole("deployer", `Pipeline deployer on ${ctx.clusterName}: OIDC web identity, group ${PIPELINE_DEPLOYER_GROUP}`, oidcTrust(args.deployer));
        entry("deployer", deployerRole, [PIPELINE_DEPLOYER_GROUP]);
    }
    return { adminRole, viewerRole, teamRoles, deployerRole, accessEntries, policyAssociations };
}
