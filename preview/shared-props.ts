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

/**
 * A JSON value as it comes out of `Struct.fromJavaScript(v).toJavaScript()`: each object's keys in
 * sorted order (the protobuf map sorts them; integer-like keys still come first, as in any object),
 * and no `__proto__` key (the map drops it). `value` is a fresh JSON.parse result: it is reused
 * where it already has that shape.
 */
function asStructRoundTrip(value: unknown): unknown {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) value[i] = asStructRoundTrip(value[i]);
        return value;
    }
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    const sorted = [...keys].sort();
    let same = !keys.includes("__proto__");
    for (let i = 0; same && i < keys.length; i++) same = keys[i] === sorted[i];
    if (same) {
        for (const k of keys) obj[k] = asStructRoundTrip(obj[k]);
        return obj;
    }
    const out: Record<string, unknown> = {};
    for (const k of sorted) if (k !== "__proto__") out[k] = asStructRoundTrip(obj[k]);
    return out;
}

/**
 * The properties after the wire and the server's deserialization: what `deserializeProperties`
 * returns for the Struct the engine would send (JSON values only, undefined dropped, keys sorted).
 */
export function deserializeOnce(props: Record<string, unknown> | undefined): Record<string, any> {
    const plain = asStructRoundTrip(JSON.parse(JSON.stringify(props ?? {})));
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
