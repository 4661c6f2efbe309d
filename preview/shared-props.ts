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
import { UnknownValueError } from "@pulumi/policy";
import { deserializeProperties } from "./internal";

const UNKNOWNS = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

// The keys the server's proxy answers itself (@pulumi/policy proxy.ts).
const IS_SPECIAL_PROXY = "__isSpecialProxy";
const GET_SPECIAL_PROXY_TARGET = "__getSpecialProxyTarget";

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

class ReadOnlyPropertyError extends TypeError {
    constructor(path: readonly PropertyKey[], what: string) {
        super(
            `a policy tried to ${what} props.${path.map(String).join(".")}: policies must not modify the resource they judge ` +
                "(the in-process runner shares one read-only copy among the policies; copy the value first)",
        );
    }
}

function readOnly(path: readonly PropertyKey[], what: string): never {
    throw new ReadOnlyPropertyError(path, what);
}

/**
 * One proxy per object and path, built on first access and kept: every policy reading
 * `props.spec.template` gets the same proxy instead of a new one per access. A handler class rather
 * than closures: a resource has one handler per object it has, so their cost is the run's cost.
 */
class SharedHandler implements ProxyHandler<object> {
    private children: Map<PropertyKey, unknown> | undefined;

    // The path is only spelled out for an error: a parent link costs nothing until then.
    constructor(
        private readonly parent: SharedHandler | undefined,
        private readonly key: PropertyKey,
    ) {}

    private pathTo(prop?: PropertyKey): PropertyKey[] {
        const path: PropertyKey[] = prop === undefined ? [] : [prop];
        if (!this.parent) return path;
        return [...this.parent.pathTo(this.key), ...path];
    }

    get(obj: object, prop: PropertyKey): unknown {
        if (prop === IS_SPECIAL_PROXY) return true;
        if (prop === GET_SPECIAL_PROXY_TARGET) return obj;
        const cached = this.children?.get(prop);
        if (cached !== undefined || this.children?.has(prop)) return cached;
        const field = (obj as any)[prop];
        if (typeof field === "string" && UNKNOWNS.has(field)) throw new UnknownValueError(field, this.pathTo(prop) as string[]);
        let result = field;
        if (field instanceof Object) {
            // The Proxy invariant: a non-configurable, non-writable own data property must be returned as is.
            const desc = Object.getOwnPropertyDescriptor(obj, prop);
            if (!(desc && "value" in desc && desc.configurable === false && desc.writable === false)) {
                result = new Proxy(field, new SharedHandler(this, prop));
            }
        }
        (this.children ??= new Map()).set(prop, result);
        return result;
    }

    set(_obj: object, prop: PropertyKey): boolean {
        return readOnly(this.pathTo(prop), "set");
    }

    defineProperty(_obj: object, prop: PropertyKey): boolean {
        return readOnly(this.pathTo(prop), "define");
    }

    deleteProperty(_obj: object, prop: PropertyKey): boolean {
        return readOnly(this.pathTo(prop), "delete");
    }

    setPrototypeOf(): boolean {
        return readOnly(this.pathTo(), "change the prototype of");
    }

    preventExtensions(): boolean {
        return readOnly(this.pathTo(), "freeze");
    }
}

/** The read-only, unknown-checking view of deserialized properties that every policy of a resource shares. */
export function sharedUnknownCheckingProxy<T extends object>(deserialized: T): T {
    return new Proxy(deserialized, new SharedHandler(undefined, "")) as T;
}
