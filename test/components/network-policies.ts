/**
 * NetworkPolicy semantics (networking.k8s.io/v1), for tests that ask whether a connection is
 * admitted: a pod selected by any policy of a type is isolated for that direction, and then only a
 * rule of a selecting policy admits a peer (pod and namespace selectors for pods, ipBlock for
 * addresses outside the pod network) on a port (numbered, or named after the destination's port).
 */

export interface Selector {
    readonly matchLabels?: Record<string, string>;
    readonly matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] }[];
}
interface Peer {
    readonly podSelector?: Selector;
    readonly namespaceSelector?: Selector;
    readonly ipBlock?: { cidr: string; except?: readonly string[] };
}
interface PortRule {
    readonly protocol?: string;
    readonly port?: number | string;
    readonly endPort?: number;
}
interface Rule {
    readonly from?: readonly Peer[];
    readonly to?: readonly Peer[];
    readonly ports?: readonly PortRule[];
}
export interface NetworkPolicy {
    readonly namespace: string;
    readonly spec: { podSelector: Selector; policyTypes?: readonly string[]; ingress?: readonly Rule[]; egress?: readonly Rule[] };
}

/** A pod, by what policies select on: its namespace, labels and named container ports. */
export interface PodEnd {
    readonly namespace: string;
    readonly labels: Record<string, string>;
    readonly ports?: Readonly<Record<string, number>>;
}
/** An address outside the pod network (the API server, a node on the host network). */
export interface IpEnd {
    readonly ip: string;
}
export type End = PodEnd | IpEnd;

export function selects(selector: Selector | undefined, labels: Record<string, string>): boolean {
    if (!selector) return true;
    for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
    for (const e of selector.matchExpressions ?? []) {
        const has = Object.prototype.hasOwnProperty.call(labels, e.key);
        const inValues = has && (e.values ?? []).includes(labels[e.key]);
        const ok = { In: inValues, NotIn: !inValues, Exists: has, DoesNotExist: !has }[e.operator];
        if (ok === undefined) throw new Error(`unknown selector operator ${e.operator}`);
        if (!ok) return false;
    }
    return true;
}

function ipv4(ip: string): number {
    const parts = ip.split(".").map(Number);
    if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`not an IPv4 address: ${ip}`);
    return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function inCidr(ip: string, cidr: string): boolean {
    const [base, bits] = cidr.split("/");
    const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
    return ((ipv4(ip) & mask) >>> 0) === ((ipv4(base) & mask) >>> 0);
}

const isPod = (end: End): end is PodEnd => "labels" in end;
const nsLabels = (namespace: string) => ({ "kubernetes.io/metadata.name": namespace });

function peerMatches(peer: Peer, policyNamespace: string, other: End): boolean {
    if (peer.ipBlock) return !isPod(other) && inCidr(other.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c) => inCidr(other.ip, c));
    if (!isPod(other)) return false;
    const namespaceOk = peer.namespaceSelector ? selects(peer.namespaceSelector, nsLabels(other.namespace)) : other.namespace === policyNamespace;
    return namespaceOk && selects(peer.podSelector, other.labels);
}

function portMatches(rule: PortRule, port: number, protocol: string, destination: End): boolean {
    if ((rule.protocol ?? "TCP") !== protocol) return false;
    if (rule.port === undefined) return true;
    if (typeof rule.port === "string") return isPod(destination) && destination.ports?.[rule.port] === port;
    return rule.endPort !== undefined ? port >= rule.port && port <= rule.endPort : port === rule.port;
}

/** Whether `policies` let `source` open a connection to `destination` on `port`. */
export function admits(policies: readonly NetworkPolicy[], source: End, destination: End, port: number, protocol = "TCP"): boolean {
    const direction = (end: End, type: "Ingress" | "Egress", other: End): boolean => {
        if (!isPod(end)) return true;
        const key = type === "Ingress" ? "ingress" : "egress";
        const selecting = policies.filter(
            (p) => p.namespace === end.namespace && selects(p.spec.podSelector, end.labels) && (p.spec.policyTypes ?? ["Ingress", ...(p.spec.egress ? ["Egress"] : [])]).includes(type),
        );
        if (selecting.length === 0) return true;
        return selecting.some((p) =>
            (p.spec[key] ?? []).some((rule) => {
                const peers = type === "Ingress" ? rule.from : rule.to;
                const peerOk = !peers || peers.length === 0 || peers.some((peer) => peerMatches(peer, p.namespace, other));
                const portOk = !rule.ports || rule.ports.length === 0 || rule.ports.some((r) => portMatches(r, port, protocol, destination));
                return peerOk && portOk;
            }),
        );
    };
    return direction(source, "Egress", destination) && direction(destination, "Ingress", source);
}
