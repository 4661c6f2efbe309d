/**
 * CIDR ranges read as address ranges, so that a policy can tell "the internet" from a range that is
 * merely very wide: `0.0.0.0/1` plus `128.0.0.0/1` is the whole IPv4 internet without a single `/0`.
 */

export interface Cidr {
    readonly version: 4 | 6;
    /** The network address as a number, host bits cleared. */
    readonly network: bigint;
    readonly prefix: number;
}

function ipv4(text: string): bigint | undefined {
    const parts = text.split(".");
    if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
    return parts.reduce((n, p) => (n << 8n) | BigInt(Number(p)), 0n);
}

function ipv6(text: string): bigint | undefined {
    const halves = text.split("::");
    if (halves.length > 2) return undefined;
    const groups = (h: string) => (h === "" ? [] : h.split(":"));
    const head = groups(halves[0]);
    const tail = halves.length === 2 ? groups(halves[1]) : [];
    const missing = 8 - head.length - tail.length;
    if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
    const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
    if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
    return all.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** Parses "a.b.c.d/n" or an IPv6 "x::y/n"; undefined for anything else (which is then not judged). */
export function parseCidr(text: unknown): Cidr | undefined {
    if (typeof text !== "string") return undefined;
    const m = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
    if (!m) return undefined;
    const prefix = Number(m[2]);
    const v4 = ipv4(m[1]);
    const version = v4 !== undefined ? 4 : 6;
    const address = v4 ?? ipv6(m[1]);
    const bits = version === 4 ? 32 : 128;
    if (address === undefined || prefix > bits) return undefined;
    const host = (1n << BigInt(bits - prefix)) - 1n;
    return { version, network: address & ~host, prefix };
}

/** Ranges no internet host has an address in: RFC 1918, shared (RFC 6598), loopback, link-local, IPv6 ULA and link-local. */
const NOT_INTERNET = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "fc00::/7", "fe80::/10"].map(
    (c) => parseCidr(c)!,
);

function within(inner: Cidr, outer: Cidr): boolean {
    if (inner.version !== outer.version || inner.prefix < outer.prefix) return false;
    const bits = inner.version === 4 ? 32 : 128;
    return inner.network >> BigInt(bits - outer.prefix) === outer.network >> BigInt(bits - outer.prefix);
}

/** The shortest prefix a public source range may have, per IP version. */
export interface PrefixLimits {
    readonly ipv4: number;
    readonly ipv6: number;
}

/** A range too broad to be anyone's own, described for a message. */
export interface Broad {
    readonly version: 4 | 6;
    readonly prefix: number;
    /** The shortest prefix allowed for its IP version. */
    readonly min: number;
    /** "a /1 spanning 1/2 of the IPv4 address space" */
    readonly described: string;
}

/**
 * Whether a CIDR is too broad to be anyone's own range: shorter than the configured prefix for its
 * IP version and not wholly inside private or otherwise non-internet space. Undefined when it is
 * not, or cannot be read.
 */
export function tooBroad(text: unknown, limits: PrefixLimits): Broad | undefined {
    const cidr = parseCidr(text);
    if (!cidr) return undefined;
    const min = cidr.version === 4 ? limits.ipv4 : limits.ipv6;
    if (cidr.prefix >= min || NOT_INTERNET.some((n) => within(cidr, n))) return undefined;
    const share = cidr.prefix === 0 ? "all" : `1/${(1n << BigInt(cidr.prefix)).toString()}`;
    return { version: cidr.version, prefix: cidr.prefix, min, described: `a /${cidr.prefix} spanning ${share} of the IPv${cidr.version} address space` };
}

/** JSON schemas for the two limits, under the keys a policy chooses. */
export function prefixLimitSchemas(what: string) {
    return {
        ipv4: {
            type: "integer" as const,
            minimum: 1,
            maximum: 32,
            default: 8,
            description: `Shortest IPv4 prefix allowed for ${what} outside private ranges (/8, a legacy class A, is the largest single assignment to one organisation).`,
        },
        ipv6: {
            type: "integer" as const,
            minimum: 1,
            maximum: 128,
            default: 32,
            description: `Shortest IPv6 prefix allowed for ${what} outside private ranges (/32 is the usual allocation to a whole ISP).`,
        },
    };
}
