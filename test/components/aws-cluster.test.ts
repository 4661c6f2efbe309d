import * as assert from "node:assert/strict";
import { ADDON_NAMES, ADDON_PINS, BREAK_GLASS_GROUP, DEFAULT_KUBERNETES_VERSION, type HardenedClusterArgs } from "../../components/aws";
import type { RecordedResource } from "../../preview/types";
import { attachedPolicies, CA_DATA, type ClusterGraph, dependsOn, eksDefaultAddonVersion, ENDPOINT, json, recordCluster, T } from "./aws-helpers";

const TYPICAL: HardenedClusterArgs = {
    access: { teams: [{ name: "payments", role: "developer" }] },
    registry: { repositories: ["platform/nginx"], pullThroughCache: [{ prefix: "k8s", upstreamRegistryUrl: "registry.k8s.io" }] },
};
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:prod-key";
const roleArn = (g: ClusterGraph, name: string) => g.named(name, T.role).outputs?.arn as string;

describe("HardenedCluster under mocks", () => {
    let g: ClusterGraph;
    before(async () => {
        g = await recordCluster(TYPICAL);
    });

    it("parents every child to the component and uses no IAM user or access key", () => {
        const component = g.named("prod", T.component);
        for (const r of g.resources) {
            if (r.type === "pulumi:pulumi:Stack" || r === component) continue;
            const parent = g.resources.find((p) => p.urn === r.parent);
            assert.ok(parent === component || parent?.parent === component.urn, `${r.type}::${r.name} is outside the component`);
        }
        assert.equal(g.resources.filter((r) => /aws:iam\/(user|accessKey|userPolicy)/.test(r.type)).length, 0);
    });

    it("creates a rotating customer key whose policy names each principal and service", () => {
        const key = g.named("prod-key", T.key);
        assert.equal(key.inputs.enableKeyRotation, true);
        assert.equal(key.inputs.customerMasterKeySpec, "SYMMETRIC_DEFAULT");
        assert.equal(key.inputs.deletionWindowInDays, 30);
        const statements: any[] = json(key, "policy").Statement;
        const sid = (s: string) => statements.find((x) => x.Sid === s);
        assert.deepEqual(sid("AccountRootAdministers").Principal, { AWS: "arn:aws:iam::123456789012:root" });
        const logs = sid("CloudWatchLogsForThisClusterOnly");
        assert.equal(logs.Principal.Service, "logs.us-east-1.amazonaws.com");
        assert.deepEqual(logs.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"], [
            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/eks/prod/*",
            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vpc/prod/*",
            "arn:aws:logs:us-east-1:123456789012:log-group:/aws/containerinsights/prod/*",
        ]);
        assert.equal(sid("EksEnvelopeEncryptsSecrets").Principal.AWS, roleArn(g, "prod-cluster-role"));
        const ebs = sid("EbsVolumesThroughEc2");
        assert.deepEqual(ebs.Principal.AWS, [
            "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
            roleArn(g, "prod-ebsCsi-role"),
        ]);
        assert.equal(ebs.Condition.StringEquals["kms:ViaService"], "ec2.us-east-1.amazonaws.com");
        assert.equal(sid("EbsAttachmentGrants").Condition.Bool["kms:GrantIsForAWSResource"], "true");
        for (const s of statements) assert.notEqual(JSON.stringify(s.Principal), JSON.stringify({ AWS: "*" }));
    });

    it("keeps the control plane private, fully logged, envelope-encrypted and in API access mode", () => {
        const cluster = g.named("prod-cluster", T.cluster);
        const inputs = cluster.inputs as any;
        assert.equal(inputs.name, "prod");
        assert.equal(inputs.version, DEFAULT_KUBERNETES_VERSION);
        assert.deepEqual(inputs.vpcConfig.endpointPrivateAccess, true);
        assert.deepEqual(inputs.vpcConfig.endpointPublicAccess, false);
        assert.equal(inputs.vpcConfig.publicAccessCidrs, undefined);
        assert.deepEqual(inputs.vpcConfig.subnetIds, ["prod-private-0-id", "prod-private-1-id", "prod-private-2-id"]);
        assert.deepEqual(inputs.enabledClusterLogTypes, ["api", "audit", "authenticator", "controllerManager", "scheduler"]);
        assert.deepEqual(inputs.accessConfig, { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false });
        assert.deepEqual(inputs.encryptionConfig, { provider: { keyArn: KEY_ARN }, resources: ["secrets"] });
        assert.equal(inputs.roleArn, roleArn(g, "prod-cluster-role"));
        assert.deepEqual(attachedPolicies(g, "prod-cluster-role"), ["AmazonEKSClusterPolicy"]);

        const logGroup = g.named("prod-cluster-logs", T.logGroup);
        assert.deepEqual(logGroup.inputs, { name: "/aws/eks/prod/cluster", kmsKeyId: KEY_ARN, retentionInDays: 365, tags: logGroup.inputs.tags });
        assert.ok(cluster.dependencies.includes(logGroup.urn), "the log group must exist before the cluster");
        assert.ok(g.resources.indexOf(logGroup) < g.resources.indexOf(cluster));
    });

    it("launches nodes from an IMDSv2-only template with encrypted gp3 roots, in private subnets, without SSH", () => {
        const lt = g.named("prod-system", T.launchTemplate);
        const inputs = lt.inputs as any;
        assert.deepEqual(inputs.metadataOptions, { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" });
        assert.deepEqual(inputs.blockDeviceMappings, [
            { deviceName: "/dev/xvda", ebs: { volumeSize: 50, volumeType: "gp3", encrypted: "true", kmsKeyId: KEY_ARN, deleteOnTermination: "true" } },
        ]);
        assert.equal(inputs.keyName, undefined);
        assert.equal(inputs.vpcSecurityGroupIds, undefined);

        const ng = g.named("prod-system", T.nodeGroup);
        const n = ng.inputs as any;
        assert.equal(n.remoteAccess, undefined);
        assert.deepEqual(n.launchTemplate, { id: "lt-prod-system", version: "1" });
        assert.deepEqual(n.subnetIds, ["prod-private-0-id", "prod-private-1-id", "prod-private-2-id"]);
        assert.deepEqual(n.scalingConfig, { minSize: 2, desiredSize: 2, maxSize: 6 });
        assert.equal(n.nodeRoleArn, roleArn(g, "prod-node-role"));
        assert.deepEqual(attachedPolicies(g, "prod-node-role"), ["AmazonEC2ContainerRegistryReadOnly", "AmazonEKSWorkerNodePolicy"]);
        for (const addon of ["prod-vpc-cni", "prod-eks-pod-identity-agent", "prod-kube-proxy"]) {
            assert.ok(dependsOn(ng, g.named(addon, T.addon)), `nodes must wait for ${addon}`);
        }
    });

    it("pins every add-on for the cluster's version, turns on NetworkPolicy enforcement and gives AWS access only through Pod Identity", () => {
        const versions = Object.fromEntries(g.byType(T.addon).map((a) => [a.inputs.addonName, a.inputs.addonVersion]));
        // Pinned where ADDON_PINS lists the add-on for the version, else EKS's default for that version.
        const expected = (key: keyof typeof ADDON_NAMES) => ADDON_PINS[DEFAULT_KUBERNETES_VERSION]?.[key] ?? eksDefaultAddonVersion(ADDON_NAMES[key], DEFAULT_KUBERNETES_VERSION);
        assert.deepEqual(versions, Object.fromEntries(Object.entries(ADDON_NAMES).map(([key, addonName]) => [addonName, expected(key as keyof typeof ADDON_NAMES)])));
        assert.equal(g.byType(T.cluster)[0].inputs.version, DEFAULT_KUBERNETES_VERSION);
        assert.deepEqual(json(g.named("prod-vpc-cni", T.addon), "configurationValues"), { enableNetworkPolicy: "true" });
        for (const a of g.byType(T.addon)) assert.equal(a.inputs.serviceAccountRoleArn, undefined);

        const associations = g.byType(T.podIdentity).map((p) => `${p.inputs.namespace}/${p.inputs.serviceAccount}`);
        assert.deepEqual(associations.sort(), ["amazon-cloudwatch/cloudwatch-agent", "kube-system/aws-node", "kube-system/ebs-csi-controller-sa"]);
        const csi = g.named("prod-ebsCsi", T.podIdentity);
        assert.equal(csi.inputs.roleArn, roleArn(g, "prod-ebsCsi-role"));
        const trust = json(g.named("prod-ebsCsi-role", T.role), "assumeRolePolicy").Statement[0];
        assert.deepEqual(trust.Principal, { Service: "pods.eks.amazonaws.com" });
        assert.deepEqual(trust.Condition.StringEquals, {
            "aws:RequestTag/eks-cluster-name": "prod",
            "aws:RequestTag/kubernetes-namespace": "kube-system",
            "aws:RequestTag/kubernetes-service-account": "ebs-csi-controller-sa",
        });
        assert.deepEqual(attachedPolicies(g, "prod-ebsCsi-role"), ["service-role/AmazonEBSCSIDriverPolicy"]);
        assert.deepEqual(attachedPolicies(g, "prod-vpcCni-role"), ["AmazonEKS_CNI_Policy"]);
        const kms = json(g.named("prod-ebsCsi-role-kms", T.rolePolicy), "policy").Statement;
        assert.ok(kms.every((s: any) => s.Resource === KEY_ARN), "the CSI driver may use the cluster key only");

        const coredns = g.named("prod-coredns", T.addon);
        assert.ok(dependsOn(coredns, g.named("prod-system", T.nodeGroup)), "CoreDNS needs nodes to become active");
        const csiDriver = g.named("prod-aws-ebs-csi-driver", T.addon);
        assert.ok(dependsOn(csiDriver, csi));
        assert.ok(dependsOn(csiDriver, g.named("prod-ebsCsi-role-kms", T.rolePolicy)), "the driver must hold the key grant before its first volume");
        const insights = g.named("prod-amazon-cloudwatch-observability", T.addon);
        for (const lg of ["performance", "application", "host", "dataplane"]) {
            const group = g.named(`prod-insights-${lg}`, T.logGroup);
            assert.equal(group.inputs.kmsKeyId, KEY_ARN);
            assert.ok(dependsOn(insights, group), `Container Insights must find /${lg} encrypted already`);
        }
    });

    it("gives humans MFA-only roles mapped by access entries: break-glass admin, viewer, team groups", () => {
        for (const name of ["prod-break-glass-admin", "prod-viewer", "prod-team-payments-developer"]) {
            const role = g.named(name, T.role);
            assert.equal(role.inputs.maxSessionDuration, 3600);
            const [trust, ...rest] = json(role, "assumeRolePolicy").Statement;
            assert.equal(rest.length, 0);
            assert.deepEqual(trust.Principal, { AWS: ["arn:aws:iam::123456789012:root"] });
            assert.equal(trust.Action, "sts:AssumeRole");
            assert.deepEqual(trust.Condition, { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThanEquals: { "aws:MultiFactorAuthAge": "3600" } });
            assert.deepEqual(attachedPolicies(g, name), []);
        }
        const entry = (n: string) => g.named(n, T.accessEntry).inputs as any;
        assert.deepEqual(entry("prod-break-glass-admin").kubernetesGroups, [BREAK_GLASS_GROUP]);
        assert.equal(entry("prod-break-glass-admin").principalArn, roleArn(g, "prod-break-glass-admin"));
        assert.deepEqual(entry("prod-viewer").kubernetesGroups, []);
        assert.deepEqual(entry("prod-team-payments-developer").kubernetesGroups, ["bulwark:payments:developer"]);

        const policies = Object.fromEntries(g.byType(T.accessPolicy).map((p) => [p.name, p.inputs as any]));
        assert.deepEqual(Object.keys(policies).sort(), ["prod-break-glass-admin", "prod-viewer"], "team roles get only their group");
        assert.equal(policies["prod-break-glass-admin"].policyArn, "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
        assert.deepEqual(policies["prod-break-glass-admin"].accessScope, { type: "cluster" });
        assert.equal(policies["prod-viewer"].policyArn, "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy");
        assert.ok(dependsOn(g.named("prod-break-glass-admin", T.accessPolicy), g.named("prod-break-glass-admin", T.accessEntry)));
    });

    it("builds a three-AZ VPC: private nodes, public subnets for load balancers and NAT only, flow logs", () => {
        const subnets = g.byType(T.subnet).map((s) => s.inputs as any);
        const priv = subnets.filter((s) => s.tags["kubernetes.io/role/internal-elb"] === "1");
        const pub = subnets.filter((s) => s.tags["kubernetes.io/role/elb"] === "1");
        assert.deepEqual(priv.map((s) => [s.cidrBlock, s.availabilityZone]), [["10.0.0.0/19", "us-east-1a"], ["10.0.32.0/19", "us-east-1b"], ["10.0.64.0/19", "us-east-1c"]]);
        assert.deepEqual(pub.map((s) => s.cidrBlock), ["10.0.96.0/22", "10.0.100.0/22", "10.0.104.0/22"]);
        assert.ok(subnets.every((s) => s.mapPublicIpOnLaunch === false));
        assert.equal(g.byType(T.natGateway).length, 3);
        assert.equal(g.byType("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")[0].inputs.ingress, undefined);

        const flow = g.named("prod-flow-log", T.flowLog).inputs as any;
        const flowGroup = g.named("prod-flow-logs", T.logGroup);
        assert.equal(flow.trafficType, "ALL");
        assert.equal(flow.logDestination, flowGroup.outputs?.arn);
        assert.equal(flowGroup.inputs.kmsKeyId, KEY_ARN);
        assert.equal(flowGroup.inputs.retentionInDays, 365);
        const write = json(g.named("prod-flow-logs", T.rolePolicy), "policy").Statement;
        assert.deepEqual(write[0].Resource, [flowGroup.outputs?.arn, `${flowGroup.outputs?.arn}:*`]);
    });

    it("creates the approved registry: immutable, scanned, KMS-encrypted, expiring, with a pull-through cache", () => {
        const repo = g.named("prod-repo-platform-nginx", T.repository).inputs as any;
        assert.equal(repo.name, "platform/nginx");
        assert.equal(repo.imageTagMutability, "IMMUTABLE");
        assert.deepEqual(repo.imageScanningConfiguration, { scanOnPush: true });
        assert.deepEqual(repo.encryptionConfigurations, [{ encryptionType: "KMS", kmsKey: KEY_ARN }]);
        const rules = json(g.named("prod-repo-platform-nginx", T.lifecycle), "policy").rules;
        assert.deepEqual(rules.map((r: any) => r.selection.tagStatus), ["untagged", "any"]);
        const cache = g.named("prod-cache-k8s", T.cacheRule);
        const template = g.named("prod-cache-k8s", T.cacheTemplate);
        assert.deepEqual([cache.inputs.ecrRepositoryPrefix, cache.inputs.upstreamRegistryUrl], ["k8s", "registry.k8s.io"]);
        assert.equal(template.inputs.imageTagMutability, "IMMUTABLE");
        assert.ok(dependsOn(cache, template), "cached repositories must be created from the template");
        // ECR creates cached repositories itself: the registry's scanning configuration covers them by prefix.
        const scanning = g.byType("aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration");
        assert.equal(scanning.length, 1);
        assert.deepEqual(scanning[0].inputs, {
            scanType: "BASIC",
            rules: [
                {
                    scanFrequency: "SCAN_ON_PUSH",
                    repositoryFilters: [
                        { filter: "platform/nginx", filterType: "WILDCARD" },
                        { filter: "k8s/*", filterType: "WILDCARD" },
                    ],
                },
            ],
        });
        assert.equal(g.result.outputs.registryHost, "123456789012.dkr.ecr.us-east-1.amazonaws.com");
    });

    it("exports a secret kubeconfig that assumes the break-glass role, and a provider that waits for its access", () => {
        const component = g.named("prod", T.component);
        const secret = component.outputs?.kubeconfig as Record<string, unknown>;
        assert.equal(secret["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270", "kubeconfig must be a secret");
        const config = JSON.parse(g.result.outputs.kubeconfig as string);
        assert.deepEqual(config.clusters[0].cluster, { server: ENDPOINT, "certificate-authority-data": CA_DATA });
        const exec = config.users[0].user.exec;
        assert.equal(exec.command, "aws");
        assert.deepEqual(exec.args, ["eks", "get-token", "--cluster-name", "prod", "--region", "us-east-1", "--role-arn", g.result.outputs.adminRoleArn, "--output", "json"]);
        assert.equal(g.result.outputs.adminRoleArn, roleArn(g, "prod-break-glass-admin"));

        const provider = g.named("prod-k8s", T.k8sProvider);
        assert.ok(provider.dependencies.includes(g.named("prod-break-glass-admin", T.accessPolicy).urn));
        const sc = g.named("prod-encrypted-class", T.storageClass) as RecordedResource & { inputs: any };
        assert.ok(sc.provider?.startsWith(provider.urn), "the StorageClass must go to this cluster");
        assert.equal(sc.inputs.parameters.kmsKeyId, KEY_ARN);
        assert.equal(sc.inputs.metadata.annotations["storageclass.kubernetes.io/is-default-class"], "true");
        assert.equal(g.result.outputs.storageClassName, "encrypted-gp3");
        assert.deepEqual(g.result.outputs.teamRoleArns, { "bulwark:payments:developer": roleArn(g, "prod-team-payments-developer") });
    });
});

describe("HardenedCluster options", () => {
    it("protects what holds state from deletion by default, and only that", async () => {
        const protectedOf = (g: ClusterGraph) => g.resources.filter((r) => r.options.protect).map((r) => `${r.type}::${r.name}`).sort();
        const g = await recordCluster({ registry: { repositories: ["platform/api"] } });
        assert.deepEqual(protectedOf(g), [
            `${T.logGroup}::prod-cluster-logs`,
            `${T.repository}::prod-repo-platform-api`,
            `${T.cluster}::prod-cluster`,
            `${T.key}::prod-key`,
        ].sort());
        assert.deepEqual(protectedOf(await recordCluster({ protect: false, registry: { repositories: ["platform/api"] } })), []);
    });

    it("uses a VPC brought along and creates none", async () => {
        const g = await recordCluster({ network: { vpcId: "vpc-123", privateSubnetIds: ["subnet-a", "subnet-b"] } });
        assert.equal(g.byType("aws:ec2/vpc:Vpc").length, 0);
        assert.equal(g.byType(T.flowLog).length, 0);
        assert.deepEqual((g.named("prod-cluster", T.cluster).inputs as any).vpcConfig.subnetIds, ["subnet-a", "subnet-b"]);
        assert.deepEqual(g.named("prod-system", T.nodeGroup).inputs.subnetIds, ["subnet-a", "subnet-b"]);
    });

    it("records each weakening where the packs see it", async () => {
        const g = await recordCluster({
            weakenings: { publicEndpointCidrs: ["203.0.113.0/24"], sshAccess: { keyName: "debug", sourceCidrs: ["10.20.0.0/16"] }, omitLogTypes: ["scheduler"] },
        });
        const cluster = g.named("prod-cluster", T.cluster).inputs as any;
        assert.equal(cluster.vpcConfig.endpointPublicAccess, true);
        assert.deepEqual(cluster.vpcConfig.publicAccessCidrs, ["203.0.113.0/24"]);
        assert.deepEqual(cluster.enabledClusterLogTypes, ["api", "audit", "authenticator", "controllerManager"]);
        const lt = g.named("prod-system", T.launchTemplate).inputs as any;
        assert.equal(lt.keyName, "debug");
        assert.equal(lt.metadataOptions.httpTokens, "required", "SSH does not loosen IMDS");
        const sg = g.named("prod-node-ssh", T.securityGroup);
        assert.deepEqual((sg.inputs as any).ingress.map((r: any) => [r.fromPort, r.toPort, r.cidrBlocks]), [[22, 22, ["10.20.0.0/16"]]]);
        assert.deepEqual(lt.vpcSecurityGroupIds, ["sg-cluster", sg.id]);
    });

    it("turns on GuardDuty runtime monitoring on request, on an existing detector or a new one", async () => {
        const off = await recordCluster({});
        assert.equal(off.byType("aws:guardduty/detectorFeature:DetectorFeature").length, 0);
        const fresh = await recordCluster({ guardDutyRuntimeMonitoring: {} });
        const feature = fresh.named("prod-runtime-monitoring").inputs as any;
        assert.equal(feature.name, "RUNTIME_MONITORING");
        assert.deepEqual(feature.additionalConfigurations, [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }]);
        assert.equal(fresh.byType("aws:guardduty/detector:Detector").length, 1);
        const existing = await recordCluster({ guardDutyRuntimeMonitoring: { detectorId: "det-1" } });
        assert.equal(existing.byType("aws:guardduty/detector:Detector").length, 0);
        assert.equal(existing.named("prod-runtime-monitoring").inputs.detectorId, "det-1");
    });

    it("encrypts both Bottlerocket volumes and narrows admin trust to named principals", async () => {
        const admins = ["arn:aws:iam::123456789012:role/sso-platform-admins"];
        const g = await recordCluster({ nodeGroups: [{ name: "br", amiType: "BOTTLEROCKET_x86_64" }], access: { adminPrincipalArns: admins } });
        const devices = (g.named("prod-br", T.launchTemplate).inputs as any).blockDeviceMappings;
        assert.deepEqual(devices.map((d: any) => [d.deviceName, d.ebs.encrypted, d.ebs.kmsKeyId]), [["/dev/xvda", "true", KEY_ARN], ["/dev/xvdb", "true", KEY_ARN]]);
        assert.deepEqual(json(g.named("prod-break-glass-admin", T.role), "assumeRolePolicy").Statement[0].Principal, { AWS: admins });
    });

    it("in preview, registers the same graph with cloud-computed values unknown", async () => {
        const known = await recordCluster(TYPICAL);
        const preview = await recordCluster(TYPICAL, { preview: true });
        assert.deepEqual(preview.resources.map((r) => `${r.type}::${r.name}`).sort(), known.resources.map((r) => `${r.type}::${r.name}`).sort());
        assert.equal(preview.result.outputs.kubeconfig, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    });
});
