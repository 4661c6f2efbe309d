import { stackPolicy } from "../../common/policy";
import { type Node, identitiesOf, nodes, ofType, resolve } from "../lib/graph";
import { isAnywhere, isUnknown, listOf } from "../lib/values";

const IGW = "aws:ec2/internetGateway:InternetGateway";

/** Whether a route's target is an internet gateway: by id when known, else by what it depends on. */
function toInternetGateway(gatewayId: unknown, deps: readonly { type: string }[]): boolean {
    if (typeof gatewayId === "string") return gatewayId.startsWith("igw-");
    return isUnknown(gatewayId) && deps.some((d) => d.type === IGW);
}

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
        const into = resolve(route, "routeTableId", [routeTable], identitiesOf());
        if (into.targets.length === 0) return false;
        const p = route.props;
        const anywhere = isAnywhere(p.destinationCidrBlock) || isAnywhere(p.destinationIpv6CidrBlock);
        return anywhere && toInternetGateway(p.gatewayId, route.resource.propertyDependencies?.gatewayId ?? []);
    });
}

/** Why a subnet of this stack is public, or undefined when nothing the stack says makes it so. */
function publicBecause(subnet: Node, all: readonly Node[]): string | undefined {
    if (subnet.props.mapPublicIpOnLaunch === true) return "mapPublicIpOnLaunch is true";
    const routeTables = ofType(all, "aws:ec2/routeTable:RouteTable");
    const routes = ofType(all, "aws:ec2/route:Route");
    for (const assoc of ofType(all, "aws:ec2/routeTableAssociation:RouteTableAssociation")) {
        if (resolve(assoc, "subnetId", [subnet], identitiesOf()).targets.length === 0) continue;
        for (const rt of resolve(assoc, "routeTableId", routeTables, identitiesOf()).targets) {
            if (defaultRouteToIgw(rt, routes)) return `its route table "${rt.name}" sends 0.0.0.0/0 to an internet gateway`;
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
        "Keep public subnets for load balancers. Subnets this stack does not create are not judged.",
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
