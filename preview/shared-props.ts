/**
 * The resource properties the in-process runner hands to every policy of one resource: the wire's
 * values, deserialized once, behind one read-only proxy that checks unknowns exactly as the policy
 * server's `unknownCheckingProxy` does.
 *
 * The policy server converts the request's protobuf Struct and builds a fresh proxy for every
 * policy; most of an in-process run went there. What a policy can observe stays the same: the
 * values and their key order (the Struct's map iterates its keys sorted), the same
 * `UnknownValueError` with the same path, the same special proxy keys. What differs is only what a
 * policy must not do anyway: modify the resource (here it throws, naming the property).
 */
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { cachedUnknownCheckingProxy } from "../policy-packs/common/unknown-proxy";
import { deserializeProperties } from "./internal";

// The wire's signature key: a secret, asset or archive, which only the server's deserializer reads.
const SIG_KEY = "4dabf18193072939515e22adb298388d";
// Deeper than this, the value goes the slow way (JSON), which also reports a cycle as the wire would.
const MAX_DEPTH = 200;

interface Walk {
    signed: boolean;
}

/**
 * `JSON.parse(JSON.stringify(value))` followed by the Struct round trip, in one walk over plain
 * data: each object's keys sorted (the protobuf map sorts them; integer-like keys still come first,
 * as in any object), no `__proto__` key (the map drops it), undefined, functions and symbols left
 * out of objects and null in arrays, non-finite numbers null. Anything JSON would treat specially
 * (toJSON, boxed primitives, bigints, class instances, a cycle) goes through JSON itself.
 */
function toWireValue(value: unknown, depth: number, walk: Walk): unknown {
    switch (typeof value) {
        case "string":
        case "boolean":
            return value;
        case "number":
            return Number.isFinite(value) ? value + 0 : null; // -0 + 0 is 0, as JSON writes it
        case "object":
            break;
        default:
            return undefined;
    }
    if (value === null) return null;
    if (Array.isArray(value)) {
        if (depth > MAX_DEPTH) return viaJson(value, walk);
        const out = new Array(value.length);
        for (let i = 0; i < value.length; i++) out[i] = toWireValue(value[i], depth + 1, walk) ?? null;
        return out;
    }
    const proto = Object.getPrototypeOf(value);
    if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === "function" || depth > MAX_DEPTH) {
        return viaJson(value, walk);
    }
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).sort();
    const out: Record<string, unknown> = {};
    for (const k of keys) {
        if (k === "__proto__") continue;
        if (k === SIG_KEY) walk.signed = true;
        const v = toWireValue(obj[k], depth + 1, walk);
        if (v !== undefined) out[k] = v;
    }
    return out;
}

function viaJson(value: unknown, walk: Walk): unknown {
    const json = JSON.stringify(value);
    return json === undefined ? undefined : toWireValue(JSON.parse(json), 0, walk);
}

/**
 * The properties after the wire and the server's deserialization: what `deserializeProperties`
 * returns for the Struct the engine would send. Without a signature (a secret, an asset) anywhere,
 * that is the wire value itself; with one, the server's own deserializer reads it.
 */
export function deserializeOnce(props: Record<string, unknown> | undefined): Record<string, any> {
    const walk: Walk = { signed: false };
    const plain = (toWireValue(props ?? {}, 0, walk) ?? {}) as Record<string, unknown>;
    if (!walk.signed) return plain;
    // deserializeProperties reads the Struct only through toJavaScript().
    return deserializeProperties({ toJavaScript: () => plain } as unknown as Struct, false);
}

/** The read-only, unknown-checking view of deserialized properties that every policy of a resource shares. */
export function sharedUnknownCheckingProxy<T extends object>(deserialized: T): T {
    return cachedUnknownCheckingProxy(deserialized, true);
}
