/**
 * Following references between resources in a stack policy. At preview, a reference to a resource
 * being created is an unknown value, so the engine's property dependencies are the first witness;
 * known values (ids, ARNs, names) are the second, for resources that already exist.
 */
import type { PolicyResource } from "@pulumi/policy";
import { Unknown, hasUnknown, isUnknown, listOf, plain } from "./values";

/** A stack resource with its inputs copied out of the unknown-checking proxy. */
export interface Node {
    readonly resource: PolicyResource;
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    readonly props: Record<string, any>;
}

/** The stack's resources as nodes; each one's inputs are copied out when first read, so types a policy passes over cost nothing. */
export function nodes(resources: readonly PolicyResource[]): Node[] {
    return resources.map((r) => {
        let props: Record<string, any> | undefined;
        return {
            resource: r,
            type: r.type,
            urn: r.urn,
            name: r.name,
            get props() {
                return (props ??= plain(r.props) ?? {});
            },
        };
    });
}

export function ofType(all: readonly Node[], ...types: string[]): Node[] {
    return all.filter((n) => types.includes(n.type));
}

/** What a reference property resolves to. */
export interface Resolved {
    /** Resources in the stack the property refers to. */
    readonly targets: Node[];
    /** Known string values that match no resource in the stack (things created elsewhere). */
    readonly external: string[];
    /** Whether part of the value was unknown and not accounted for by a property dependency. */
    readonly unresolved: boolean;
}

/**
 * Resolves `from.props[key]` (a string or a list of strings) to the `candidates` it names: those the
 * property depends on, and those whose identity (`identities(candidate)`) equals a known value.
 */
export function resolve(
    from: Node,
    key: string,
    candidates: readonly Node[],
    identities: (candidate: Node) => unknown[],
): Resolved {
    const depUrns = new Set((from.resource.propertyDependencies?.[key] ?? []).map((d) => d.urn));
    const targets = new Map<string, Node>();
    for (const c of candidates) if (depUrns.has(c.urn)) targets.set(c.urn, c);
    const external: string[] = [];
    const values = listOf(from.props[key]);
    let unknownSeen = isUnknown(values);
    if (!isUnknown(values)) {
        for (const v of values) {
            if (typeof v !== "string") {
                if (hasUnknown(v)) unknownSeen = true;
                continue;
            }
            const match = candidates.filter((c) => identities(c).some((id) => typeof id === "string" && id === v));
            if (match.length === 0) external.push(v);
            for (const m of match) targets.set(m.urn, m);
        }
    }
    // A dependency on a candidate explains the unknowns (the value is that candidate's output).
    const unresolved = unknownSeen && targets.size === 0;
    return { targets: [...targets.values()], external, unresolved };
}

/** The usual identities of a resource: its id and ARN as recorded, and its name inputs. */
export function identitiesOf(...keys: string[]): (n: Node) => unknown[] {
    return (n) => ["id", "arn", ...keys].map((k) => n.props[k]).filter((v) => v !== undefined && v !== Unknown);
}

/**
 * Whether any of `from` may still refer to `target` through `key` once the update knows the values,
 * though none does at preview: a reference that is unknown and depends on none of `candidates` (the
 * resources it could name), or a known name that names none of them while the target's own identity
 * (`id`, `arn` and `keys` of its props) is unknown at preview.
 */
export function mayReferTo(
    from: readonly Node[],
    key: string,
    target: Node,
    candidates: readonly Node[],
    identities: (candidate: Node) => unknown[],
    ...keys: string[]
): boolean {
    const ownUnknown = ["id", "arn", ...keys].some((k) => hasUnknown(target.props[k]));
    return from.some((f) => {
        const r = resolve(f, key, candidates, identities);
        return r.unresolved || (ownUnknown && r.external.length > 0);
    });
}
