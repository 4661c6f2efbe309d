import type { PolicyFixtures, ResourceFixture, StackCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { hardened, urnOf } from "../lib/resources.fixtures";

const SUBNET = "aws:ec2/subnet:Subnet";
const RT = "aws:ec2/routeTable:RouteTable";
const IGW = "aws:ec2/internetGateway:InternetGateway";
const NAT = "aws:ec2/natGateway:NatGateway";
const ASSOC = "aws:ec2/routeTableAssociation:RouteTableAssociation";
const ROUTE = "aws:ec2/route:Route";
const VPC = "aws:ec2/vpc:Vpc";
const DEFAULT_RT = "aws:ec2/defaultRouteTable:DefaultRouteTable";
const MAIN_ASSOC = "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation";

const subnet = (name: string, props: Record<string, unknown> = {}): ResourceFixture => ({
    type: SUBNET,
    name,
    props: { vpcId: UNKNOWN, cidrBlock: "10.0.1.0/24", ...props },
    propertyDependencies: { vpcId: [urnOf("aws:ec2/vpc:Vpc", "vpc")] },
});

/** A node group whose subnetIds are the (unknown at preview) ids of the named subnets. */
const nodeGroup = (...subnets: string[]): ResourceFixture => ({
    ...hardened("aws:eks/nodeGroup:NodeGroup", (p) => (p.subnetIds = subnets.map(() => UNKNOWN)), "nodes"),
    propertyDependencies: { subnetIds: subnets.map((s) => urnOf(SUBNET, s)) },
});

const igw: ResourceFixture = { type: IGW, name: "igw", props: { vpcId: UNKNOWN } };
const nat: ResourceFixture = { type: NAT, name: "nat", props: { subnetId: UNKNOWN } };

/** A route table with a default route to the named gateway, inline, and its association with a subnet. */
function routedVia(subnetName: string, gateway: ResourceFixture, key: "gatewayId" | "natGatewayId"): ResourceFixture[] {
    return [
        {
            type: RT,
            name: `${subnetName}-rt`,
            props: { vpcId: UNKNOWN, routes: [{ cidrBlock: "0.0.0.0/0", [key]: UNKNOWN }] },
            propertyDependencies: { routes: [urnOf(gateway.type, gateway.name!)] },
        },
        {
            type: ASSOC,
            name: `${subnetName}-assoc`,
            props: { subnetId: UNKNOWN, routeTableId: UNKNOWN },
            propertyDependencies: { subnetId: [urnOf(SUBNET, subnetName)], routeTableId: [urnOf(RT, `${subnetName}-rt`)] },
        },
    ];
}

const vpc: ResourceFixture = { type: VPC, name: "vpc", props: { cidrBlock: "10.0.0.0/16" } };

/** The VPC's default route table, adopted through `vpc.defaultRouteTableId`, with a default route to the gateway. */
const defaultRouteTable = (gateway: ResourceFixture, key: "gatewayId" | "natGatewayId"): ResourceFixture => ({
    type: DEFAULT_RT,
    name: "vpc-default",
    props: { defaultRouteTableId: UNKNOWN, routes: [{ cidrBlock: "0.0.0.0/0", [key]: UNKNOWN }] },
    propertyDependencies: { defaultRouteTableId: [urnOf(VPC, "vpc")], routes: [urnOf(gateway.type, gateway.name!)] },
});

/** A route table made the VPC's main one, with a separate default route resource to the gateway. */
function mainRouteTable(name: string, gateway: ResourceFixture, key: "gatewayId" | "natGatewayId"): ResourceFixture[] {
    return [
        { type: RT, name, props: { vpcId: UNKNOWN }, propertyDependencies: { vpcId: [urnOf(VPC, "vpc")] } },
        {
            type: ROUTE,
            name: `${name}-default`,
            props: { routeTableId: UNKNOWN, destinationCidrBlock: "0.0.0.0/0", [key]: UNKNOWN },
            propertyDependencies: { routeTableId: [urnOf(RT, name)], [key]: [urnOf(gateway.type, gateway.name!)] },
        },
        {
            type: MAIN_ASSOC,
            name: `${name}-main`,
            props: { vpcId: UNKNOWN, routeTableId: UNKNOWN },
            propertyDependencies: { vpcId: [urnOf(VPC, "vpc")], routeTableId: [urnOf(RT, name)] },
        },
    ];
}

export const fixtures: PolicyFixtures<StackCase> = {
    pass: {
        "private-subnets-behind-nat": {
            resources: [subnet("private-a"), igw, nat, ...routedVia("private-a", nat, "natGatewayId"), nodeGroup("private-a")],
        },
        "subnets-created-elsewhere-are-not-judged": {
            resources: [hardened("aws:eks/nodeGroup:NodeGroup", (p) => (p.subnetIds = ["subnet-0abc", "subnet-0def"]))],
        },
        "no-association-main-route-table-behind-nat": {
            resources: [vpc, subnet("private-a"), igw, nat, defaultRouteTable(nat, "natGatewayId"), nodeGroup("private-a")],
        },
        "explicit-association-overrides-public-main-table": {
            resources: [vpc, subnet("private-a"), igw, nat, defaultRouteTable(igw, "gatewayId"), ...routedVia("private-a", nat, "natGatewayId"), nodeGroup("private-a")],
        },
        "main-association-replaces-public-default-table": {
            resources: [vpc, subnet("private-a"), igw, nat, defaultRouteTable(igw, "gatewayId"), ...mainRouteTable("private-main", nat, "natGatewayId"), nodeGroup("private-a")],
        },
        "main-route-table-unknown-at-preview": {
            resources: [
                vpc,
                subnet("private-a"),
                igw,
                defaultRouteTable(igw, "gatewayId"),
                {
                    type: MAIN_ASSOC,
                    name: "main",
                    props: { vpcId: UNKNOWN, routeTableId: UNKNOWN },
                    propertyDependencies: { vpcId: [urnOf(VPC, "vpc")] },
                },
                nodeGroup("private-a"),
            ],
        },
        "public-subnet-in-stack-not-used-by-nodes": {
            resources: [subnet("private-a"), subnet("public-a", { mapPublicIpOnLaunch: true }), nodeGroup("private-a")],
        },
    },
    fail: {
        "subnet-maps-public-ips": {
            resources: [subnet("public-a", { mapPublicIpOnLaunch: true }), nodeGroup("public-a")],
            expect: 'subnetIds includes subnet "public-a", which is public (mapPublicIpOnLaunch is true)',
        },
        "default-route-to-internet-gateway": {
            resources: [subnet("edge-a"), igw, ...routedVia("edge-a", igw, "gatewayId"), nodeGroup("edge-a")],
            expect: 'its route table "edge-a-rt" sends 0.0.0.0/0 to an internet gateway',
        },
        "no-association-default-route-table-to-igw": {
            resources: [vpc, subnet("edge-a"), igw, defaultRouteTable(igw, "gatewayId"), nodeGroup("edge-a")],
            expect: 'it has no route table association, so it uses its VPC\'s main route table "vpc-default", which sends 0.0.0.0/0',
        },
        "no-association-main-association-to-route-table-with-igw-route": {
            resources: [vpc, subnet("edge-a"), igw, ...mainRouteTable("public-main", igw, "gatewayId"), nodeGroup("edge-a")],
            expect: 'main route table "public-main"',
        },
        "separate-route-resource-to-known-igw": {
            resources: [
                subnet("edge-b"),
                { type: RT, name: "edge-b-rt", props: { vpcId: "vpc-1", id: "rtb-1" } },
                { type: ROUTE, name: "default", props: { routeTableId: "rtb-1", destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-0abc" } },
                {
                    type: ASSOC,
                    name: "edge-b-assoc",
                    props: { subnetId: UNKNOWN, routeTableId: "rtb-1" },
                    propertyDependencies: { subnetId: [urnOf(SUBNET, "edge-b")] },
                },
                nodeGroup("private-x", "edge-b"),
                subnet("private-x"),
            ],
            expect: 'subnet "edge-b", which is public',
        },
    },
};
