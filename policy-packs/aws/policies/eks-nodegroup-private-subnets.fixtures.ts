import type { PolicyFixtures, ResourceFixture, StackCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { hardened, urnOf } from "../lib/resources.fixtures";

const SUBNET = "aws:ec2/subnet:Subnet";
const RT = "aws:ec2/routeTable:RouteTable";
const IGW = "aws:ec2/internetGateway:InternetGateway";
const NAT = "aws:ec2/natGateway:NatGateway";
const ASSOC = "aws:ec2/routeTableAssociation:RouteTableAssociation";
const ROUTE = "aws:ec2/route:Route";

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

export const fixtures: PolicyFixtures<StackCase> = {
    pass: {
        "private-subnets-behind-nat": {
            resources: [subnet("private-a"), igw, nat, ...routedVia("private-a", nat, "natGatewayId"), nodeGroup("private-a")],
        },
        "subnets-created-elsewhere-are-not-judged": {
            resources: [hardened("aws:eks/nodeGroup:NodeGroup", (p) => (p.subnetIds = ["subnet-0abc", "subnet-0def"]))],
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
