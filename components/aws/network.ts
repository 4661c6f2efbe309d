import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ExistingNetworkArgs, NewNetworkArgs } from "./args";
import { type Ipv4Cidr, parseIpv4Cidr, subnetPlan } from "./cidr";
import { type ClusterContext, policyDocument, serviceRole } from "./context";
import { encryptedLogGroup } from "./encryption";

export interface ClusterNetwork {
    readonly vpcId: pulumi.Input<string>;
    readonly privateSubnetIds: pulumi.Input<string>[];
    /** Empty for a network brought along. */
    readonly publicSubnetIds: pulumi.Output<string>[];
    /** The flow-log resource, when the component built the VPC. */
    readonly flowLog?: aws.ec2.FlowLog;
}

export function existingNetwork(args: ExistingNetworkArgs): ClusterNetwork {
    return { vpcId: args.vpcId, privateSubnetIds: args.privateSubnetIds, publicSubnetIds: [] };
}

/**
 * A VPC across three AZs (NSA/CISA 3; NIST 800-190 4.3.3): nodes and the control-plane ENIs in
 * private subnets, public subnets only for load balancers and NAT, the default security group
 * emptied, and every flow logged to an encrypted log group.
 */
export function createNetwork(ctx: ClusterContext, args: NewNetworkArgs, key: aws.kms.Key, retentionDays: number): ClusterNetwork {
    const opts = { parent: ctx.parent };
    const cidrBlock = args.cidrBlock ?? "10.0.0.0/16";
    const plan = subnetPlan(parseIpv4Cidr(cidrBlock) as Ipv4Cidr);
    const zones = args.availabilityZones
        ? pulumi.output(args.availabilityZones)
        : aws.getAvailabilityZonesOutput({ state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] }, opts).names;
    const tag = (role: string, extra: Record<string, string> = {}) => ({ ...ctx.tags, Name: `${ctx.clusterName}-${role}`, ...extra });

    const vpc = new aws.ec2.Vpc(`${ctx.name}-vpc`, { cidrBlock, enableDnsHostnames: true, enableDnsSupport: true, tags: tag("vpc") }, opts);
    // A default security group with no rules: anything launched without one gets no traffic.
    new aws.ec2.DefaultSecurityGroup(`${ctx.name}-default-sg`, { vpcId: vpc.id, tags: tag("default-deny") }, opts);
    const igw = new aws.ec2.InternetGateway(`${ctx.name}-igw`, { vpcId: vpc.id, tags: tag("igw") }, opts);

    const publicRoutes = new aws.ec2.RouteTable(
        `${ctx.name}-public-rt`,
        { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }], tags: tag("public") },
        opts,
    );
    const publicSubnets = plan.public.map((cidr, i) => {
        const subnet = new aws.ec2.Subnet(
            `${ctx.name}-public-${i}`,
            {
                vpcId: vpc.id,
                cidrBlock: cidr,
                availabilityZone: zones.apply((z) => z[i]),
                mapPublicIpOnLaunch: false,
                tags: tag(`public-${i}`, { "kubernetes.io/role/elb": "1" }),
            },
            opts,
        );
        new aws.ec2.RouteTableAssociation(`${ctx.name}-public-${i}`, { subnetId: subnet.id, routeTableId: publicRoutes.id }, opts);
        return subnet;
    });

    const natCount = args.natGateways === "single" ? 1 : 3;
    const nats = publicSubnets.slice(0, natCount).map((subnet, i) => {
        const eip = new aws.ec2.Eip(`${ctx.name}-nat-${i}`, { domain: "vpc", tags: tag(`nat-${i}`) }, opts);
        return new aws.ec2.NatGateway(`${ctx.name}-nat-${i}`, { allocationId: eip.id, subnetId: subnet.id, tags: tag(`nat-${i}`) }, { ...opts, dependsOn: [igw] });
    });

    const privateSubnets = plan.private.map((cidr, i) => {
        const subnet = new aws.ec2.Subnet(
            `${ctx.name}-private-${i}`,
            {
                vpcId: vpc.id,
                cidrBlock: cidr,
                availabilityZone: zones.apply((z) => z[i]),
                mapPublicIpOnLaunch: false,
                tags: tag(`private-${i}`, { "kubernetes.io/role/internal-elb": "1" }),
            },
            opts,
        );
        const routes = new aws.ec2.RouteTable(
            `${ctx.name}-private-rt-${i}`,
            { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nats[i % natCount].id }], tags: tag(`private-${i}`) },
            opts,
        );
        new aws.ec2.RouteTableAssociation(`${ctx.name}-private-${i}`, { subnetId: subnet.id, routeTableId: routes.id }, opts);
        return subnet;
    });

    const flowLog = createFlowLog(ctx, vpc, key, retentionDays);
    return {
        vpcId: vpc.id,
        privateSubnetIds: privateSubnets.map((s) => s.id),
        publicSubnetIds: publicSubnets.map((s) => s.id),
        flowLog,
    };
}

/** VPC flow logs (NSA/CISA 6) through a role that can write to this one log group and nothing else. */
function createFlowLog(ctx: ClusterContext, vpc: aws.ec2.Vpc, key: aws.kms.Key, retentionDays: number): aws.ec2.FlowLog {
    const opts = { parent: ctx.parent };
    const logGroup = encryptedLogGroup(ctx, "flow-logs", `/aws/vpc/${ctx.clusterName}/flow-logs`, key, retentionDays);
    const { role } = serviceRole(
        ctx,
        "flow-logs",
        {
            Sid: "VpcFlowLogsOfThisAccount",
            Effect: "Allow",
            Principal: { Service: "vpc-flow-logs.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: {
                StringEquals: { "aws:SourceAccount": ctx.accountId },
                ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:vpc-flow-log/*` },
            },
        },
        [],
    );
    new aws.iam.RolePolicy(
        `${ctx.name}-flow-logs`,
        {
            role: role.id,
            policy: policyDocument([
                {
                    Sid: "WriteThisLogGroupOnly",
                    Effect: "Allow",
                    Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                    Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
                },
            ]),
        },
        opts,
    );
    return new aws.ec2.FlowLog(
        `${ctx.name}-flow-log`,
        {
            vpcId: vpc.id,
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: logGroup.arn,
            iamRoleArn: role.arn,
            maxAggregationInterval: 60,
            tags: ctx.tags,
        },
        opts,
    );
}
