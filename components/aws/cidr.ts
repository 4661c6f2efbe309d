/** IPv4/IPv6 CIDR parsing and the subnet plan, kept pure so validation and the network agree. */

const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const IPV6_CIDR = /^[0-9a-fA-F:]+(?:%\w+)?\/(\d{1,3})$/;

export interface Ipv4Cidr {
    readonly base: number;
    readonly prefix: number;
}

/** The parsed block, or undefined when `text` is not an IPv4 CIDR with its host bits clear. */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
    const m = IPV4_CIDR.exec(text);
    if (!m) return undefined;
    const octets = m.slice(1, 5).map(Number);
    const prefix = Number(m[5]);
    if (octets.some((o) => o > 255) || prefix > 32) return undefined;
    const base = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
    const hostMask = prefix === 32 ? 0 : 0xffffffff >>> prefix;
    if ((base & hostMask) !== 0) return undefined;
    return { base, prefix };
}

/** The reason a CIDR is unusable in an allow-list, or undefined when it is a bounded IPv4/IPv6 block. */
export function allowListProblem(text: string): string | undefined {
    const v4 = parseIpv4Cidr(text);
    const v6 = IPV6_CIDR.exec(text);
    if (!v4 && !(v6 && text.includes(":") && Number(v6[1]) <= 128)) {
        return `"${text}" is not a CIDR block with its host bits clear (e.g. "203.0.113.0/24")`;
    }
    if ((v4 && v4.prefix === 0) || (v6 && Number(v6[1]) === 0)) {
        return `"${text}" opens access to the whole internet; list the networks that need it`;
    }
    return undefined;
}

function format(base: number, prefix: number): string {
    return `${base >>> 24}.${(base >>> 16) & 255}.${(base >>> 8) & 255}.${base & 255}/${prefix}`;
}

/** The `index`-th block of length `prefix` inside `parent`. */
export function subnetOf(parent: Ipv4Cidr, prefix: number, index: number): string {
    const size = 2 ** (32 - prefix);
    return format((parent.base + index * size) >>> 0, prefix);
}

/**
 * Three large private subnets (nodes get pod IPs from them: the VPC CNI hands out VPC addresses)
 * in the first three eighths of the VPC, three small public ones (load balancers and NAT only) in
 * the fourth eighth; the rest stays free for growth.
 */
export function subnetPlan(vpc: Ipv4Cidr): { private: string[]; public: string[] } {
    const eighth = vpc.prefix + 3;
    const publicParent = parseIpv4Cidr(subnetOf(vpc, eighth, 3)) as Ipv4Cidr;
    return {
        private: [0, 1, 2].map((i) => subnetOf(vpc, eighth, i)),
        public: [0, 1, 2].map((i) => subnetOf(publicParent, eighth + 3, i)),
    };
}
