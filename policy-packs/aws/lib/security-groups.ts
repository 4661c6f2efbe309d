/**
 * Security group ingress, however it is written: inline `ingress` of a SecurityGroup or the VPC's
 * DefaultSecurityGroup, a SecurityGroupRule of type ingress, or a vpc.SecurityGroupIngressRule. Each
 * is read as one rule (protocol, port range, sources), so that every port policy judges all of them.
 */
import type { Report } from "../../common/policy";
import { type PrefixLimits, tooBroad } from "./cidr";
import { isAnywhere, isUnknown, listOf } from "./values";

export interface Rule {
    readonly path: string;
    readonly protocol: unknown;
    readonly from: unknown;
    readonly to: unknown;
    readonly cidrs: { readonly field: string; readonly value: unknown }[];
}

const INLINE = ["aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"];

export function rulesOf(type: string, p: Record<string, any>): Rule[] {
    if (INLINE.includes(type)) {
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

/** Which of `ports` a rule opens, or undefined when that depends on something unknown. */
export function openedPorts(rule: Rule, ports: readonly number[]): number[] | undefined {
    const protocol = isUnknown(rule.protocol) ? rule.protocol : String(rule.protocol ?? "").toLowerCase();
    if (isUnknown(protocol)) return undefined;
    if (protocol === "-1" || protocol === "all") return [...ports];
    if (!["tcp", "udp", "6", "17"].includes(protocol)) return [];
    if (isUnknown(rule.from) || isUnknown(rule.to)) return undefined;
    const from = Number(rule.from ?? 0);
    const to = Number(rule.to ?? from);
    return ports.filter((p) => p >= from && p <= to);
}

/** Config keys that name the two prefix limits, for messages. */
export interface LimitKeys {
    readonly ipv4: string;
    readonly ipv6: string;
}

/** How a source CIDR reaches the internet: "" for all of it, why it is too broad, or undefined when it is bounded. */
function exposure(cidr: unknown, limits: PrefixLimits, keys: LimitKeys): string | undefined {
    if (isAnywhere(cidr)) return "";
    const broad = tooBroad(cidr, limits);
    if (!broad) return undefined;
    return `: ${broad.described}, broader than the /${broad.min} ${broad.version === 4 ? keys.ipv4 : keys.ipv6} allows`;
}

/** The internet-wide sources of a rule, described with the field each came from. */
export function publicSources(rule: Rule, limits: PrefixLimits, keys: LimitKeys): string[] {
    return rule.cidrs.flatMap(({ field, value }) => {
        const list = listOf(value);
        if (isUnknown(list)) return [];
        return list.flatMap((c) => {
            const how = exposure(c, limits, keys);
            return how === undefined ? [] : [`${c as string} (${field}${how})`];
        });
    });
}

/** Reports every ingress rule of the resource that opens one of `ports` to the internet. */
export function reportPublicPorts(
    type: string,
    props: Record<string, any>,
    ports: readonly number[],
    names: Readonly<Record<number, string>>,
    limits: PrefixLimits,
    keys: LimitKeys,
    fix: string,
    report: Report,
): void {
    for (const rule of rulesOf(type, props)) {
        const open = publicSources(rule, limits, keys);
        if (open.length === 0) continue;
        const opened = openedPorts(rule, ports);
        if (!opened || opened.length === 0) continue;
        const named = opened.map((p) => (names[p] ? `${p} (${names[p]})` : String(p))).join(", ");
        const where = rule.path === "rule" ? "this ingress rule" : rule.path;
        report(`${where} opens ${named} to ${open.join(", ")}: ${fix}`);
    }
}
