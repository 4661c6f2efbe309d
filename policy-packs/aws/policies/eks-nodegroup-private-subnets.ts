import { stackPolicy } from "../../common/policy";
import { type Node, identitiesOf, nodes, ofType, resolve } from "../lib/graph";
import { isAnywhere, isUnknown, listOf } from "../lib/values";

const IGW = "aws:ec2/internetGateway:InternetGateway";

/** Whether a route's target is an internet gateway: by id when known, else by what it depends on. */
function toInternetGateway(gatewayId: unknown, deps: readonly { type: string }[]): boolean {
    if (typeof gatewayId === "string") return gatewayId.startsWith("igw-");
    return isUnknown(gatewayId) && deps.some((d) => d.type === IGW);
}

const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const DEFAULT_ROUTE_TABLE = "aws:ec2/defaultRouteTable:DefaultRouteTable";
const MAIN_ASSOCIATION = "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation";

/** A DefaultRouteTable is named by the id it adopts (`vpc.defaultRouteTableId`) as well as its own id. */
const routeTableIdentities = identitiesOf("defaultRouteTableId");

function defaultRouteToIgw(routeTable: Node, routes: readonly Node[]): boolean {
    const inline = listOf(routeTable.props.routes);
    const inlineDeps = routeTable.resource.propertyDependencies?.routes ?? [];
    if (!isUnknown(inline)) {
        for (const r of inline as any[]) {
            if (!r || isUnknown(r)) continue;
            if ((isAnywhere(r.cidrBlock) || isAnywhere(r.ipv6CidrBlock)) && toInternetGateway(r.gatewayId, inlineDeps)) return true;
        }
    }
    return routes.some((route) => {
        const into = resolve(route, "routeTableId", [routeTable], routeTableIdentities);
        if (into.targets.length === 0) return false;
        const p = route.props;
        const anywhere = isAnywhere(p.destinationCidrBlock) || isAnywhere(p.destinationIpv6CidrBlock);
        return anywhere && toInternetGateway(p.gatewayId, route.resource.propertyDependencies?.gatewayId ?? []);
    });
}

/** The VPCs a reference names: stack VPCs by URN, VPCs created elsewhere by their known id. */
function vpcKeys(from: Node, key: string, vpcs: readonly Node[]): { keys: Set<string>; unresolved: boolean } {
    const found = resolve(from, key, vpcs, identitiesOf());
    return { keys: new Set([...found.targets.map((v) => v.urn), ...found.external]), unresolved: found.unresolved };
}

const meets = (a: Set<string>, b: Set<string>) => [...a].some((k) => b.has(k));

/**
 * The route tables the stack makes main for the subnet's VPC, or none when that is not known. A
 * MainRouteTableAssociation decides it; without one, the VPC's DefaultRouteTable is its main table.
 * An association whose VPC cannot be told might replace the default one, so then nothing is decided.
 */
function mainRouteTables(subnet: Node, all: readonly Node[]): Node[] {
    const vpcs = ofType(all, "aws:ec2/vpc:Vpc");
    const vpc = vpcKeys(subnet, "vpcId", vpcs);
    if (vpc.keys.size === 0) return [];
    const tables = ofType(all, ROUTE_TABLE, DEFAULT_ROUTE_TABLE);
    const associations = ofType(all, MAIN_ASSOCIATION).map((a) => ({ a, vpc: vpcKeys(a, "vpcId", vpcs) }));
    const ours = associations.filter(({ vpc: v }) => meets(v.keys, vpc.keys));
    if (ours.length > 0) return ours.flatMap(({ a }) => resolve(a, "routeTableId", tables, routeTableIdentities).targets);
    if (associations.some(({ vpc: v }) => v.unresolved)) return [];
    // A DefaultRouteTable names its VPC through the VPC's defaultRouteTableId output it adopts.
    return ofType(all, DEFAULT_ROUTE_TABLE).filter((t) => {
        const adopted = resolve(t, "defaultRouteTableId", vpcs, identitiesOf("defaultRouteTableId")).targets.map((v) => v.urn);
        return meets(new Set([...adopted, ...vpcKeys(t, "vpcId", vpcs).keys]), vpc.keys);
    });
}

/** Why a subnet of this stack is public, or undefined when nothing the stack says makes it so. */
function publicBecause(subnet: Node, all: readonly Node[]): string | undefined {
    if (subnet.props.mapPublicIpOnLaunch === true) return "mapPublicIpOnLaunch is true";
    const tables = ofType(all, ROUTE_TABLE, DEFAULT_ROUTE_TABLE);
    const routes = ofType(all, "aws:ec2/route:Route");
    const associations = ofType(all, "aws:ec2/routeTableAssociation:RouteTableAssociation").filter(
        (assoc) => resolve(assoc, "subnetId", [subnet], identitiesOf()).targets.length > 0,
    );
    for (const assoc of associations) {
        for (const rt of resolve(assoc, "routeTableId", tables, routeTableIdentities).targets) {
            if (defaultRouteToIgw(rt, routes)) return `its route table "${rt.name}" sends 0.0.0.0/0 to an internet gateway`;
        }
    }
    // A subnet with no explicit association routes through its VPC's main route table. (An unknown
    // subnetId that depends on no subnet here cannot be this subnet, whose id would be a dependency.)
    if (associations.length > 0) return undefined;
    for (const rt of mainRouteTables(subnet, all)) {
        if (defaultRouteToIgw(rt, routes)) {
            return `it has no route table association, so it uses its VPC's main route table "${rt.name}", which sends 0.0.0.0/0 to an internet gateway`;
        }
    }
    return undefined;
}

export default stackPolicy({
    name: "eks-nodegroup-private-subnets",
    description: "Managed node groups must run in private subnets: no public IPs on launch and no default route to an internet gateway.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["5.4.3"], nist800190: ["4.3.5"], nsaCisa: ["3"] },
    remediation:
        "Give the node group only private subnets (`mapPublicIpOnLaunch: false`, default route through a NAT gateway or none). " +
        "A subnet with no route table association uses its VPC's main route table: associate it with a private route table, " +
        "or keep the internet gateway route out of the main (default) route table. " +
        "Keep public subnets for load balancers. Subnets this stack does not create are not judged.",
    // It reports only about these; without one there is nothing to judge.
    requires: "aws:eks/nodeGroup:NodeGroup",
    validate: ({ resources }, report) => {
        const all = nodes(resources);
        const subnets = ofType(all, "aws:ec2/subnet:Subnet");
        for (const ng of ofType(all, "aws:eks/nodeGroup:NodeGroup")) {
            for (const subnet of resolve(ng, "subnetIds", subnets, identitiesOf()).targets) {
                const why = publicBecause(subnet, all);
                if (why) {
                    report(
                        `subnetIds includes subnet "${subnet.name}", which is public (${why}): put node groups in private subnets`,
                        { urn: ng.urn, name: ng.name },
                    );
                }
            }
        }
    },
});
