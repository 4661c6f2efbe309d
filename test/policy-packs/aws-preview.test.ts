/**
 * A real Pulumi program on @pulumi/aws, recorded as `pulumi preview` would see it (ids and ARNs of
 * new resources unknown, edges as property dependencies), judged by the built AWS pack: the stack
 * policies must follow those edges rather than values, and stay advisory where nothing can be known.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import { type PolicyPackProcess, startPolicyPack } from "../../preview/analyzer-client";
import { recordGraph } from "../../preview/recorder";
import { ROOT } from "./packs";
import { EKS_CALENDAR_READ_ON, newestInStandardSupport } from "../../policy-packs/aws/lib/eks-calendar";

const PACK_DIR = path.join(ROOT, "policy-packs/aws");
/** EKS versions judged as on the day the calendar was read, so a hardened cluster stays hardened as time passes. */
const onCalendarDay = (config: Record<string, any> = {}) => ({ ...config, "eks-supported-version": { asOf: EKS_CALENDAR_READ_ON, ...config["eks-supported-version"] } });
const CLUSTER_ADMIN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
const MFA = { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } };

async function platform() {
    const aws = await import("@pulumi/aws");
    const pulumi = await import("@pulumi/pulumi");
    const trust = (Principal: unknown, Condition?: unknown) =>
        JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal, Action: "sts:AssumeRole", ...(Condition ? { Condition } : {}) }] });

    const vpc = new aws.ec2.Vpc("main", { cidrBlock: "10.0.0.0/16" });
    new aws.ec2.FlowLog("main-flows", { vpcId: vpc.id, trafficType: "ALL", logDestinationType: "s3", logDestination: "arn:aws:s3:::flow-logs" });
    const igw = new aws.ec2.InternetGateway("igw", { vpcId: vpc.id });
    const publicSubnet = new aws.ec2.Subnet("public-a", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24" });
    const publicRoutes = new aws.ec2.RouteTable("public", { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }] });
    new aws.ec2.RouteTableAssociation("public-a", { subnetId: publicSubnet.id, routeTableId: publicRoutes.id });
    const privateSubnet = new aws.ec2.Subnet("private-a", { vpcId: vpc.id, cidrBlock: "10.0.1.0/24" });

    const clusterRole = new aws.iam.Role("cluster", { assumeRolePolicy: trust({ Service: "eks.amazonaws.com" }) });
    const nodeRole = new aws.iam.Role("nodes", { assumeRolePolicy: trust({ Service: "ec2.amazonaws.com" }) });
    const admin = new aws.iam.Role("platform-admin", { assumeRolePolicy: trust({ AWS: "arn:aws:iam::123456789012:root" }, MFA) });
    // Trusted by another role's ARN: the whole trust policy is unknown until that role exists.
    const deployer = new aws.iam.Role("deployer", { assumeRolePolicy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: admin.arn }, Action: "sts:AssumeRole" }] }) });
    const key = new aws.kms.Key("cluster", { enableKeyRotation: true });

    const cluster = new aws.eks.Cluster("prod", {
        roleArn: clusterRole.arn,
        // The newest in EKS standard support on the day the pack judges it, so only what the test sets up is flagged.
        version: newestInStandardSupport(new Date(`${EKS_CALENDAR_READ_ON}T12:00:00Z`)).version,
        vpcConfig: { subnetIds: [privateSubnet.id], endpointPrivateAccess: true, endpointPublicAccess: false },
        encryptionConfig: { resources: ["secrets"], provider: { keyArn: key.arn } },
        enabledClusterLogTypes: ["api", "audit", "authenticator"],
        accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
    });
    const scalingConfig = { desiredSize: 2, minSize: 1, maxSize: 3 };
    new aws.eks.NodeGroup("private-nodes", { clusterName: cluster.name, nodeRoleArn: nodeRole.arn, subnetIds: [privateSubnet.id], scalingConfig });
    new aws.eks.NodeGroup("edge-nodes", { clusterName: cluster.name, nodeRoleArn: nodeRole.arn, subnetIds: [publicSubnet.id], scalingConfig });
    const accessScope = { type: "cluster" };
    new aws.eks.AccessPolicyAssociation("admin", { clusterName: cluster.name, policyArn: CLUSTER_ADMIN, principalArn: admin.arn, accessScope });
    new aws.eks.AccessPolicyAssociation("deployer", { clusterName: cluster.name, policyArn: CLUSTER_ADMIN, principalArn: deployer.arn, accessScope });
}

describe("aws pack on a recorded preview of a real program", function () {
    this.timeout(120_000);
    let pack: PolicyPackProcess;

    before(async () => {
        execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-b", PACK_DIR], { cwd: ROOT, stdio: "pipe" });
        pack = await startPolicyPack(PACK_DIR);
        await pack.configure(onCalendarDay());
    });
    after(async () => pack?.close());

    it("follows property dependencies: public node subnet is mandatory, the untraceable trust policy advisory, the rest clean", async () => {
        const graph = await recordGraph(platform, { preview: true });
        const result = await pack.analyzeGraph(graph.resources);
        const seen = result.diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.urn]).sort();
        assert.deepStrictEqual(seen, [
            ["eks-admin-access-mfa", "advisory", graph.named("deployer", "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").urn],
            ["eks-nodegroup-private-subnets", "mandatory", graph.named("edge-nodes").urn],
        ]);
        const subnet = result.diagnostics.find((d) => d.policyName === "eks-nodegroup-private-subnets")!;
        assert.match(subnet.message, /subnet "public-a", which is public \(its route table "public" sends 0\.0\.0\.0\/0 to an internet gateway\)/);
        const admin = result.diagnostics.find((d) => d.policyName === "eks-admin-access-mfa")!;
        assert.match(admin.message, /trust policy of role "deployer" is not known yet/);
    });
});
