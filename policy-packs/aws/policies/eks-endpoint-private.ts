import { resourcePolicy } from "../../common/policy";
import { prefixLimitSchemas, tooBroad } from "../lib/cidr";
import { isAnywhere, isUnknown, listOf, plain } from "../lib/values";

interface Config {
    readonly allowedPublicCidrs?: readonly string[];
    readonly minPublicCidrPrefixLength: number;
    readonly minPublicIpv6CidrPrefixLength: number;
}

const limits = prefixLimitSchemas("vpcConfig.publicAccessCidrs");

export default resourcePolicy<Config>({
    name: "eks-endpoint-private",
    types: ["aws:eks/cluster:Cluster"],
    description: "The EKS API endpoint must be private; public access, if on at all, only from an allow-list that is not the internet.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["5.4.1", "5.4.2"], nist800190: ["4.3.2"], nsaCisa: ["3", "5"] },
    remediation:
        "Set `vpcConfig.endpointPrivateAccess: true` and `vpcConfig.endpointPublicAccess: false`. If the API must be reachable " +
        "from outside the VPC, keep public access on only with `vpcConfig.publicAccessCidrs` listing your egress ranges " +
        "(never 0.0.0.0/0 or ::/0, nor a range broader than /8 for IPv4 or /32 for IPv6; and within the `allowedPublicCidrs` " +
        "config when it is set).",
    config: {
        allowedPublicCidrs: {
            type: "array",
            items: { type: "string", minLength: 1 },
            description: "When set, every CIDR in vpcConfig.publicAccessCidrs must be one of these.",
        },
        minPublicCidrPrefixLength: limits.ipv4,
        minPublicIpv6CidrPrefixLength: limits.ipv6,
    },
    validate: ({ type, props, config }, report) => {
        if (type !== "aws:eks/cluster:Cluster") return;
        const vpc = plain(props).vpcConfig ?? {};
        if (isUnknown(vpc)) return;
        if (vpc.endpointPrivateAccess !== true && !isUnknown(vpc.endpointPrivateAccess)) {
            report("vpcConfig.endpointPrivateAccess must be true (nodes and operators reach the API inside the VPC)");
        }
        // AWS turns public access on when it is not set.
        if (vpc.endpointPublicAccess === false || isUnknown(vpc.endpointPublicAccess)) return;
        const cidrs = listOf(vpc.publicAccessCidrs);
        if (isUnknown(cidrs)) return;
        if (cidrs.length === 0) {
            report(
                "vpcConfig.publicAccessCidrs is unset while the public endpoint is on, so AWS opens it to 0.0.0.0/0: " +
                    "set vpcConfig.endpointPublicAccess to false, or list the allowed CIDRs",
            );
            return;
        }
        const broadness = { ipv4: config.minPublicCidrPrefixLength, ipv6: config.minPublicIpv6CidrPrefixLength };
        cidrs.forEach((cidr, i) => {
            const broad = tooBroad(cidr, broadness);
            if (isAnywhere(cidr)) {
                report(`vpcConfig.publicAccessCidrs[${i}] is "${String(cidr)}", the whole internet: list only your own egress CIDRs`);
            } else if (broad) {
                const key = broad.version === 4 ? "minPublicCidrPrefixLength" : "minPublicIpv6CidrPrefixLength";
                report(
                    `vpcConfig.publicAccessCidrs[${i}] is "${String(cidr)}", ${broad.described}, broader than the /${broad.min} ` +
                        `${key} allows: list only your own egress CIDRs`,
                );
            } else if (config.allowedPublicCidrs && typeof cidr === "string" && !config.allowedPublicCidrs.includes(cidr)) {
                report(`vpcConfig.publicAccessCidrs[${i}] "${cidr}" is not in the allowedPublicCidrs config: remove it or allow it there`);
            }
        });
    },
});
