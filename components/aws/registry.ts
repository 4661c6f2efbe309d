import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { RegistryArgs } from "./args";
import { type ClusterContext, policyDocument, serviceRole } from "./context";

export interface ApprovedRegistry {
    /** `<account>.dkr.ecr.<region>.amazonaws.com`: the host the policy packs' allow-list should hold. */
    readonly host: pulumi.Output<string>;
    readonly repositories: aws.ecr.Repository[];
    readonly pullThroughCacheRules: aws.ecr.PullThroughCacheRule[];
    /** The registry's scanning configuration, covering the repositories and the cached prefixes. */
    readonly scanning?: aws.ecr.RegistryScanningConfiguration;
}

function lifecyclePolicy(keepImages: number, untaggedExpiryDays: number): string {
    return JSON.stringify({
        rules: [
            {
                rulePriority: 1,
                description: `Expire untagged images after ${untaggedExpiryDays} days`,
                selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: untaggedExpiryDays },
                action: { type: "expire" },
            },
            {
                rulePriority: 2,
                description: `Keep the newest ${keepImages} images`,
                selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: keepImages },
                action: { type: "expire" },
            },
        ],
    });
}

/**
 * The registry of approved images (CIS EKS 5.1.1, 5.1.4; NIST 800-190 4.1.5, 4.2.2): repositories
 * whose tags cannot be moved, scanned on push, encrypted with the cluster key, with stale images
 * expiring; optional pull-through caches so nodes need no other registry. Cached repositories are
 * created by ECR from a template with the same settings; their tags are immutable too, so a cached
 * tag keeps the image first pulled even if upstream re-points it.
 */
export function createRegistry(ctx: ClusterContext, args: RegistryArgs | undefined, key: aws.kms.Key): ApprovedRegistry {
    const opts = { parent: ctx.parent };
    const lifecycle = lifecyclePolicy(args?.keepImages ?? 200, args?.untaggedExpiryDays ?? 14);
    const encryption = [{ encryptionType: "KMS", kmsKey: key.arn }];

    const repositories = (args?.repositories ?? []).map((repo) => {
        const id = repo.replace(/[^a-z0-9-]/g, "-");
        const repository = new aws.ecr.Repository(
            `${ctx.name}-repo-${id}`,
            {
                name: repo,
                imageTagMutability: "IMMUTABLE",
                imageScanningConfiguration: { scanOnPush: true },
                encryptionConfigurations: encryption,
                forceDelete: false,
                tags: ctx.tags,
            },
            // The approved images are the release record: a repository is removed deliberately or not at all.
            { ...opts, protect: ctx.protect },
        );
        new aws.ecr.LifecyclePolicy(`${ctx.name}-repo-${id}`, { repository: repository.name, policy: lifecycle }, opts);
        return repository;
    });

    const rules = args?.pullThroughCache ?? [];
    let templateRole: aws.iam.Role | undefined;
    if (rules.length > 0) {
        // ECR needs a role of ours to create cached repositories under a customer-managed key.
        templateRole = serviceRole(
            ctx,
            "ecr-templates",
            {
                Sid: "EcrOfThisAccount",
                Effect: "Allow",
                Principal: { Service: "ecr.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId } },
            },
            [],
        ).role;
        new aws.iam.RolePolicy(
            `${ctx.name}-ecr-templates`,
            {
                role: templateRole.id,
                policy: policyDocument([
                    {
                        Sid: "CreateCachedRepositories",
                        Effect: "Allow",
                        Action: ["ecr:CreateRepository", "ecr:PutLifecyclePolicy", "ecr:TagResource"],
                        Resource: rules.map((r) => pulumi.interpolate`arn:${ctx.partition}:ecr:${ctx.region}:${ctx.accountId}:repository/${r.prefix}/*`),
                    },
                    {
                        Sid: "ClusterKeyForCachedRepositories",
                        Effect: "Allow",
                        Action: ["kms:CreateGrant", "kms:RetireGrant", "kms:DescribeKey"],
                        Resource: key.arn,
                    },
                ]),
            },
            opts,
        );
    }
    const pullThroughCacheRules = rules.map((rule) => {
        const template = new aws.ecr.RepositoryCreationTemplate(
            `${ctx.name}-cache-${rule.prefix}`,
            {
                prefix: rule.prefix,
                description: `Cached ${rule.upstreamRegistryUrl} images: immutable, scanned, KMS`,
                appliedFors: ["PULL_THROUGH_CACHE"],
                imageTagMutability: "IMMUTABLE",
                encryptionConfigurations: encryption,
                lifecyclePolicy: lifecycle,
                customRoleArn: templateRole?.arn,
                resourceTags: ctx.tags,
            },
            opts,
        );
        return new aws.ecr.PullThroughCacheRule(
            `${ctx.name}-cache-${rule.prefix}`,
            {
                ecrRepositoryPrefix: rule.prefix,
                upstreamRegistryUrl: rule.upstreamRegistryUrl,
                ...(rule.credentialArn ? { credentialArn: rule.credentialArn } : {}),
            },
            { ...opts, dependsOn: [template] },
        );
    });

    // Cached repositories are created by ECR, not here, so no repository-level scanOnPush reaches
    // them: the registry's scanning configuration does, by name filter. It is one per account and
    // region, and it takes over from repository-level settings, so it names the approved
    // repositories too.
    const filters = [...(args?.repositories ?? []), ...rules.map((r) => `${r.prefix}/*`)];
    const scanning =
        filters.length > 0
            ? new aws.ecr.RegistryScanningConfiguration(
                  `${ctx.name}-registry-scanning`,
                  {
                      scanType: args?.scanning ?? "BASIC",
                      rules: [
                          {
                              scanFrequency: (args?.scanning ?? "BASIC") === "ENHANCED" ? "CONTINUOUS_SCAN" : "SCAN_ON_PUSH",
                              repositoryFilters: filters.map((filter) => ({ filter, filterType: "WILDCARD" })),
                          },
                      ],
                  },
                  opts,
              )
            : undefined;

    return { host: pulumi.interpolate`${ctx.accountId}.dkr.ecr.${ctx.region}.${ctx.dnsSuffix}`, repositories, pullThroughCacheRules, scanning };
}
