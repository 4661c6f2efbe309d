import * as aws from "@pulumi/aws";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { EncryptedStorageClass } from "../kubernetes/storage";
import { throwIfInvalid } from "../validation";
import { createAccess } from "./access";
import { createAddons, createWorkloadRoles, enableRuntimeMonitoring, grantCsiKey } from "./addons";
import {
    addonVersions,
    DEFAULT_KUBERNETES_VERSION,
    DEFAULT_SERVICE_CIDR,
    defaultNodeGroups,
    type HardenedClusterArgs,
    isExistingNetwork,
    kubernetesServiceCidr,
    validateHardenedClusterArgs,
} from "./args";
import { clusterContext } from "./context";
import { createClusterRole, createControlPlane } from "./control-plane";
import { createClusterKey, encryptedLogGroup } from "./encryption";
import { clusterProvider } from "./kubeconfig";
import { createNetwork, existingNetwork } from "./network";
import { createNodeGroups, createNodeRole } from "./nodes";
import { createRegistry } from "./registry";

/** Log groups the CloudWatch observability add-on writes to; pre-created so they are encrypted and expire. */
const INSIGHTS_LOG_GROUPS = ["performance", "application", "host", "dataplane"];

/**
 * A hardened EKS cluster, built from plain `@pulumi/aws` resources so every child is visible to the
 * policy packs: private API endpoint, all control-plane logs, one KMS key for Secrets, volumes, logs
 * and images, IMDSv2-only managed nodes in private subnets, pinned add-ons with NetworkPolicy
 * enforcement, MFA-only human access through access entries, an approved-image registry, and an
 * encrypted default StorageClass. Weakenings are explicit, under `weakenings`.
 */
export class HardenedCluster extends pulumi.ComponentResource {
    public readonly clusterName: pulumi.Output<string>;
    public readonly clusterArn: pulumi.Output<string>;
    /** A kubeconfig (secret) whose tokens come from assuming the break-glass admin role with MFA. */
    public readonly kubeconfig: pulumi.Output<string>;
    /** A provider for the cluster's own resources; it needs network reach to the private endpoint. */
    public readonly provider: k8s.Provider;
    public readonly kmsKeyArn: pulumi.Output<string>;
    /** `<account>.dkr.ecr.<region>.amazonaws.com`: put it in the Kubernetes pack's `allowedRegistries` setting. */
    public readonly registryHost: pulumi.Output<string>;
    /** Repository URLs, keyed by repository name. */
    public readonly repositoryUrls: pulumi.Output<Record<string, string>>;
    public readonly adminRoleArn: pulumi.Output<string>;
    public readonly viewerRoleArn: pulumi.Output<string>;
    /** Team role ARNs, keyed by Kubernetes group `bulwark:<team>:<role>`. */
    public readonly teamRoleArns: pulumi.Output<Record<string, string>>;
    public readonly nodeRoleArn: pulumi.Output<string>;
    public readonly vpcId: pulumi.Output<string>;
    public readonly privateSubnetIds: pulumi.Output<string[]>;
    /** The default StorageClass, encrypted with the cluster key. */
    public readonly storageClassName: pulumi.Output<string>;
    /** The API server's private endpoint URL. */
    public readonly endpoint: pulumi.Output<string>;
    /** The security group EKS made for the control plane and the nodes. */
    public readonly clusterSecurityGroupId: pulumi.Output<string>;
    /** The Kubernetes Service CIDR. */
    public readonly serviceCidr: string;
    /**
     * Where pods reach the API server, for NetworkPolicy egress (e.g. MonitoringStack's and
     * SecureWorkload's `apiServerCidrs`): the `kubernetes` Service's ClusterIP as a /32, which the
     * VPC CNI's policy agent sees before translation, and the private subnets, where the control
     * plane's interfaces sit, for CNIs that enforce after it.
     */
    public readonly apiServerCidrs: string[];
    /** The cluster's OIDC issuer URL (for IRSA-style trust of workloads that cannot use Pod Identity). */
    public readonly oidcIssuer: pulumi.Output<string>;
    /** The pipelines' deployer role (OIDC web identity), when `access.deployer` is given. */
    public readonly deployerRoleArn: pulumi.Output<string | undefined>;

    constructor(name: string, args: HardenedClusterArgs = {}, opts?: pulumi.ComponentResourceOptions) {
        throwIfInvalid("HardenedCluster", validateHardenedClusterArgs(args, name));
        super("bulwark:aws:HardenedCluster", name, {}, opts);

        const ctx = clusterContext(name, args.clusterName ?? name, this, args.tags, args.protect ?? true);
        const retentionDays = args.logRetentionDays ?? 365;
        const weakenings = args.weakenings ?? {};

        // Roles first: the key policy names the principals that use the key.
        const clusterRole = createClusterRole(ctx);
        const workloadRoles = createWorkloadRoles(ctx);
        const cachePrefixes = (args.registry?.pullThroughCache ?? []).map((r) => r.prefix);
        const nodeRole = createNodeRole(ctx, cachePrefixes);
        // KMS refuses a key policy that names a role that does not exist, and the nodes' volumes need it.
        const autoScalingRole = args.createAutoScalingServiceLinkedRole
            ? [new aws.iam.ServiceLinkedRole(`${name}-autoscaling`, { awsServiceName: "autoscaling.amazonaws.com", tags: ctx.tags }, { parent: this })]
            : [];
        const { key } = createClusterKey(ctx, {
            dependsOn: autoScalingRole,
            deletionWindowDays: args.keyDeletionWindowDays ?? 30,
            clusterRoleArn: clusterRole.role.arn,
            ebsCsiRoleArn: workloadRoles.ebsCsi.role.arn,
        });
        const csiKeyGrant = grantCsiKey(ctx, workloadRoles, key);

        const network = isExistingNetwork(args.network) ? existingNetwork(args.network) : createNetwork(ctx, args.network ?? {}, key, retentionDays);
        const { cluster } = createControlPlane(ctx, {
            version: args.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
            role: clusterRole.role,
            roleAttachments: clusterRole.attachments,
            key,
            subnetIds: network.privateSubnetIds,
            retentionDays,
            serviceCidr: args.serviceCidr ?? DEFAULT_SERVICE_CIDR,
            deletionProtection: args.deletionProtection ?? args.protect ?? true,
            publicEndpointCidrs: weakenings.publicEndpointCidrs,
            omitLogTypes: weakenings.omitLogTypes,
        });

        const insightsLogGroups = INSIGHTS_LOG_GROUPS.map((g) =>
            encryptedLogGroup(ctx, `insights-${g}`, `/aws/containerinsights/${ctx.clusterName}/${g}`, key, retentionDays),
        );
        const addons = createAddons(ctx, {
            cluster,
            versions: addonVersions(args),
            kubernetesVersion: args.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
            roles: workloadRoles, insightsLogGroups, csiKeyGrant });
        const { nodeGroups } = createNodeGroups(ctx, {
            cluster,
            vpcId: network.vpcId,
            subnetIds: network.privateSubnetIds,
            role: nodeRole.role,
            roleAttachments: nodeRole.attachments,
            key,
            groups: defaultNodeGroups(args),
            dependsOn: addons.beforeNodes,
            sshAccess: weakenings.sshAccess,
        });
        addons.createAfterNodes(nodeGroups);
        if (args.guardDutyRuntimeMonitoring) enableRuntimeMonitoring(ctx, args.guardDutyRuntimeMonitoring.detectorId);

        const access = createAccess(ctx, cluster, args.access);
        const registry = createRegistry(ctx, args.registry, key);
        const { kubeconfig, provider } = clusterProvider(ctx, cluster, access.adminRole.arn, [...access.accessEntries, ...access.policyAssociations]);

        // The default class, so claims that name none still get volumes under the cluster key.
        const storageClass = new EncryptedStorageClass(
            `${name}-encrypted`,
            { provider, kmsKeyArn: key.arn, isDefault: true, storageClassName: "encrypted-gp3" },
            { parent: this },
        );

        this.clusterName = cluster.name;
        this.clusterArn = cluster.arn;
        this.kubeconfig = kubeconfig;
        this.provider = provider;
        this.kmsKeyArn = key.arn;
        this.registryHost = registry.host;
        this.repositoryUrls = pulumi.output(Object.fromEntries(registry.repositories.map((r, i) => [(args.registry?.repositories ?? [])[i], r.repositoryUrl])));
        this.adminRoleArn = access.adminRole.arn;
        this.viewerRoleArn = access.viewerRole.arn;
        this.teamRoleArns = pulumi.output(Object.fromEntries(access.teamRoles.map((t) => [t.group, t.iamRole.arn])));
        this.nodeRoleArn = nodeRole.role.arn;
        this.vpcId = pulumi.output(network.vpcId);
        this.privateSubnetIds = pulumi.output(network.privateSubnetIds);
        this.storageClassName = storageClass.storageClassName;
        this.endpoint = cluster.endpoint;
        this.clusterSecurityGroupId = cluster.vpcConfig.clusterSecurityGroupId;
        this.serviceCidr = args.serviceCidr ?? DEFAULT_SERVICE_CIDR;
        const vpcCidr = isExistingNetwork(args.network) ? undefined : (args.network?.cidrBlock ?? "10.0.0.0/16");
        this.apiServerCidrs = [kubernetesServiceCidr(this.serviceCidr), ...(vpcCidr ? [vpcCidr] : [])];
        this.oidcIssuer = cluster.identities.apply((ids) => ids?.[0]?.oidcs?.[0]?.issuer ?? "");
        this.deployerRoleArn = pulumi.output(access.deployerRole?.arn);
        this.registerOutputs({
            endpoint: this.endpoint,
            clusterSecurityGroupId: this.clusterSecurityGroupId,
            serviceCidr: this.serviceCidr,
            apiServerCidrs: this.apiServerCidrs,
            oidcIssuer: this.oidcIssuer,
            deployerRoleArn: this.deployerRoleArn,
            clusterName: this.clusterName,
            clusterArn: this.clusterArn,
            kubeconfig: this.kubeconfig,
            kmsKeyArn: this.kmsKeyArn,
            registryHost: this.registryHost,
            repositoryUrls: this.repositoryUrls,
            adminRoleArn: this.adminRoleArn,
            viewerRoleArn: this.viewerRoleArn,
            teamRoleArns: this.teamRoleArns,
            nodeRoleArn: this.nodeRoleArn,
            vpcId: this.vpcId,
            privateSubnetIds: this.privateSubnetIds,
            storageClassName: this.storageClassName,
        });
    }
}
