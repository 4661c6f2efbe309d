import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { HardenedCluster, type HardenedClusterArgs } from "../../components/aws";
import { recordGraph, type RecordedGraph } from "../../preview/recorder";
import type { RecordedResource } from "../../preview/types";

export const T = {
    cluster: "aws:eks/cluster:Cluster",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
    addon: "aws:eks/addon:Addon",
    accessEntry: "aws:eks/accessEntry:AccessEntry",
    accessPolicy: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    podIdentity: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    key: "aws:kms/key:Key",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    subnet: "aws:ec2/subnet:Subnet",
    natGateway: "aws:ec2/natGateway:NatGateway",
    flowLog: "aws:ec2/flowLog:FlowLog",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    repository: "aws:ecr/repository:Repository",
    lifecycle: "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    cacheRule: "aws:ecr/pullThroughCacheRule:PullThroughCacheRule",
    cacheTemplate: "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate",
    storageClass: "kubernetes:storage.k8s.io/v1:StorageClass",
    k8sProvider: "pulumi:providers:kubernetes",
    component: "bulwark:aws:HardenedCluster",
} as const;

export const ENDPOINT = "https://ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com";
export const CA_DATA = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t";

/** What the mocked EKS answers as its default add-on version for a Kubernetes version. */
export const eksDefaultAddonVersion = (addonName: string, kubernetesVersion: string) => `v0.0.0-eksbuild.${addonName.length}-k${kubernetesVersion}`;

/** Outputs AWS computes (cluster endpoint, role names, template versions), so they can be checked outside preview. */
const computedOutputs = {
    call: (args: pulumi.runtime.MockCallArgs) =>
        args.token === "aws:eks/getAddonVersion:getAddonVersion"
            ? { addonName: args.inputs.addonName, kubernetesVersion: args.inputs.kubernetesVersion, version: eksDefaultAddonVersion(args.inputs.addonName, args.inputs.kubernetesVersion), id: "x" }
            : undefined,
    newResource: (args: pulumi.runtime.MockResourceArgs) => {
        if (args.type === T.role) {
            const name = `${args.name}-0a1b2c3`;
            return { id: name, state: { ...args.inputs, name, arn: `arn:aws:iam::123456789012:role/${name}` } };
        }
        if (args.type === T.launchTemplate) return { id: `lt-${args.name}`, state: { ...args.inputs, latestVersion: 1 } };
        return args.type === T.cluster
            ? {
                  id: `${args.name}-id`,
                  state: {
                      ...args.inputs,
                      arn: `arn:aws:eks:us-east-1:123456789012:cluster/${args.inputs.name}`,
                      endpoint: ENDPOINT,
                      certificateAuthority: { data: CA_DATA },
                      vpcConfig: { ...args.inputs.vpcConfig, clusterSecurityGroupId: "sg-cluster" },
                  },
              }
            : undefined;
    },
};

export type ClusterGraph = RecordedGraph<{ outputs: Record<string, unknown> }>;

/** Records a HardenedCluster; the result holds its outputs, resolved. */
export function recordCluster(args: HardenedClusterArgs = {}, options: { preview?: boolean; name?: string } = {}): Promise<ClusterGraph> {
    return recordGraph(
        () => {
            const c = new HardenedCluster(options.name ?? "prod", args);
            return {
                outputs: {
                    clusterName: c.clusterName,
                    kubeconfig: c.kubeconfig,
                    kmsKeyArn: c.kmsKeyArn,
                    registryHost: c.registryHost,
                    repositoryUrls: c.repositoryUrls,
                    adminRoleArn: c.adminRoleArn,
                    viewerRoleArn: c.viewerRoleArn,
                    teamRoleArns: c.teamRoleArns,
                    storageClassName: c.storageClassName,
                },
            };
        },
        // In preview the cloud has computed nothing yet, so only the defaults (inputs echoed) apply.
        { preview: options.preview ?? false, mocks: options.preview ? undefined : computedOutputs },
    ) as Promise<ClusterGraph>;
}

/** A resource's JSON-string input (an IAM or key policy), parsed. */
export function json(resource: RecordedResource, field: string): any {
    const raw = resource.inputs[field];
    assert.equal(typeof raw, "string", `${resource.name}.${field} should be a known JSON string`);
    return JSON.parse(raw as string);
}

/** Whether `a` was registered with a dependency on `b` (explicit or through an input). */
export function dependsOn(a: RecordedResource, b: RecordedResource): boolean {
    return a.dependencies.includes(b.urn) || Object.values(a.propertyDependencies).some((urns) => urns.includes(b.urn));
}

/** The managed-policy names attached to the role named `role`. */
export function attachedPolicies(graph: ClusterGraph, role: string): string[] {
    const r = graph.named(role, T.role);
    return graph
        .byType(T.attachment)
        .filter((a) => a.propertyDependencies.role?.includes(r.urn))
        .map((a) => String(a.inputs.policyArn).replace(/^arn:aws:iam::aws:policy\//, ""))
        .sort();
}
