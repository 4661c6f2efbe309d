import { resourcePolicy } from "../../common/policy";
import { type PrefixLimits, prefixLimitSchemas, tooBroad } from "../lib/cidr";
import { isAnywhere, isUnknown, listOf, plain } from "../lib/values";

interface Config {
    readonly adminPorts: readonly number[];
    readonly minSourceCidrPrefixLength: number;
    readonly minSourceIpv6CidrPrefixLength: number;
}

const limits = prefixLimitSchemas("an admin port's source CIDR");

/** How a source CIDR reaches the internet: "" for all of it, why it is too broad, or undefined when it is bounded. */
function exposure(cidr: unknown, broadness: PrefixLimits): string | undefined {
    if (isAnywhere(cidr)) return "";
    const broad = tooBroad(cidr, broadness);
    if (!broad) return undefined;
    const key = broad.version === 4 ? "minSourceCidrPrefixLength" : "minSourceIpv6CidrPrefixLength";
    return `: ${broad.described}, broader than the /${broad.min} ${key} allows`;
}

const PORT_NAMES: Record<number, string> = {
    22: "SSH",
    23: "Telnet",
    3389: "RDP",
    5985: "WinRM",
    5986: "WinRM over TLS",
    2379: "etcd",
    2380: "etcd peer",
    6443: "Kubernetes API",
    10250: "kubelet",
    10255: "kubelet read-only",
    10257: "kube-controller-manager",
    10259: "kube-scheduler",
};

interface Rule {
    readonly path: string;
    readonly protocol: unknown;
    readonly from: unknown;
    readonly to: unknown;
    readonly cidrs: { readonly field: string; readonly value: unknown }[];
}

/** The admin ports a rule opens, or undefined when that depends on something unknown. */
function openedPorts(rule: Rule, adminPorts: readonly number[]): number[] | undefined {
    const protocol = isUnknown(rule.protocol) ? rule.protocol : String(rule.protocol ?? "").toLowerCase();
    if (isUnknown(protocol)) return undefined;
    if (protocol === "-1" || protocol === "all") return [...adminPorts];
    if (!["tcp", "udp", "6", "17"].includes(protocol)) return [];
    if (isUnknown(rule.from) || isUnknown(rule.to)) return undefined;
    const from = Number(rule.from ?? 0);
    const to = Number(rule.to ?? from);
    return adminPorts.filter((p) => p >= from && p <= to);
}

function rulesOf(type: string, p: Record<string, any>): Rule[] {
    if (type === "aws:ec2/securityGroup:SecurityGroup") {
        const ingress = listOf(p.ingress);
        if (isUnknown(ingress)) return [];
        return (ingress as any[])
            .map((r, i): Rule | undefined =>
                !r || isUnknown(r)
                    ? undefined
                    : {
                          path: `ingress[${i}]`,
                          protocol: r.protocol,
                          from: r.fromPort,
                          to: r.toPort,
                          cidrs: [
                              { field: `ingress[${i}].cidrBlocks`, value: r.cidrBlocks },
                              { field: `ingress[${i}].ipv6CidrBlocks`, value: r.ipv6CidrBlocks },
                          ],
                      },
            )
            .filter((r): r is Rule => r !== undefined);
    }
    if (type === "aws:ec2/securityGroupRule:SecurityGroupRule") {
        if (p.type !== "ingress") return [];
        return [
            {
                path: "rule",
                protocol: p.protocol,
                from: p.fromPort,
                to: p.toPort,
                cidrs: [
                    { field: "cidrBlocks", value: p.cidrBlocks },
                    { field: "ipv6CidrBlocks", value: p.ipv6CidrBlocks },
                ],
            },
        ];
    }
    if (type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
        return [
            {
                path: "rule",
                protocol: p.ipProtocol,
                from: p.fromPort,
                to: p.toPort,
                cidrs: [
                    { field: "cidrIpv4", value: p.cidrIpv4 },
                    { field: "cidrIpv6", value: p.cidrIpv6 },
                ],
            },
        ];
    }
    return [];
}

export default resourcePolicy<Config>({
    name: "ec2-no-public-admin-ports",
    description: "Security groups must not open SSH, RDP, kubelet, etcd, the Kubernetes API or other admin ports to the internet.",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["5.4.1"], nist800190: ["4.3.2", "4.5.1"], nsaCisa: ["3", "4"] },
    remediation:
        "Restrict the rule's source to known CIDRs (no broader than /8 for IPv4 or /32 for IPv6 outside private ranges) " +
        "or a source security group. Reach nodes with SSM Session Manager and the " +
        "Kubernetes API through the cluster's private endpoint (or an allow-listed public one).",
    config: {
        adminPorts: {
            type: "array",
            items: { type: "integer", minimum: 0, maximum: 65535 },
            default: [22, 23, 3389, 5985, 5986, 2379, 2380, 6443, 10250, 10255, 10257, 10259],
            description: "Ports that may never be open to the internet: 0.0.0.0/0, ::/0 or a range broader than the minimum prefix (protocol -1 opens them all).",
        },
        minSourceCidrPrefixLength: limits.ipv4,
        minSourceIpv6CidrPrefixLength: limits.ipv6,
    },
    validate: ({ type, props, config }, report) => {
        const rules = rulesOf(type, plain(props) ?? {});
        const broadness = { ipv4: config.minSourceCidrPrefixLength, ipv6: config.minSourceIpv6CidrPrefixLength };
        for (const rule of rules) {
            const open = rule.cidrs.flatMap(({ field, value }) => {
                const list = listOf(value);
                if (isUnknown(list)) return [];
                return list.flatMap((c) => {
                    const how = exposure(c, broadness);
                    return how === undefined ? [] : [`${c as string} (${field}${how})`];
                });
            });
            if (open.length === 0) continue;
            const ports = openedPorts(rule, config.adminPorts);
            if (!ports || ports.length === 0) continue;
            const named = ports.map((p) => (PORT_NAMES[p] ? `${p} (${PORT_NAMES[p]})` : String(p))).join(", ");
            const where = rule.path === "rule" ? "this ingress rule" : rule.path;
            report(`${where} opens ${named} to ${open.join(", ")}: restrict the source to known CIDRs or a security group`);
        }
    },
});
