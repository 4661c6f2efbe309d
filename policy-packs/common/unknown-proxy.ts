/**
 * An unknown-checking proxy that behaves as the policy server's `unknownCheckingProxy` (the same
 * `UnknownValueError` with the same path, the same special proxy keys) but builds the proxy of each
 * nested value once and keeps it, and refuses changes. The server's proxy builds a new proxy on
 * every property access; a policy that walks a pod template reads the same paths many times.
 */
import { UnknownValueError } from "@pulumi/policy";

const UNKNOWNS = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

// The keys the server's proxy answers itself (@pulumi/policy proxy.ts), and ours.
const IS_SPECIAL_PROXY = "__isSpecialProxy";
const GET_SPECIAL_PROXY_TARGET = "__getSpecialProxyTarget";
const IS_CACHED_PROXY = "__isCachedUnknownCheckingProxy";
// What readers of one view work out from it and keep beside it (see memoOf); not a property of the
// value. A registered symbol, as the keys above are strings: each pack and the in-process runner
// load their own copy of this module, and read each other's views.
const MEMO = Symbol.for("bulwark.cachedUnknownCheckingProxy.memo");

class ReadOnlyPropertyError extends TypeError {
    constructor(path: readonly PropertyKey[], what: string) {
        super(
            `a policy tried to ${what} props.${path.map(String).join(".")}: policies must not modify the resource they judge ` +
                "(Bulwark's policies read it through a read-only view, which the in-process runner shares among them; copy the value first)",
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
    private memo: Map<unknown, unknown> | undefined;

    // The path is only spelled out for an error: a parent link costs nothing until then.
    constructor(
        private readonly parent: SharedHandler | undefined,
        private readonly key: PropertyKey,
        /** Read by every policy of the resource (the in-process runner's view), so worth keeping readers' work beside. */
        private readonly shared: boolean,
    ) {}

    private pathTo(prop?: PropertyKey): PropertyKey[] {
        const path: PropertyKey[] = prop === undefined ? [] : [prop];
        if (!this.parent) return path;
        return [...this.parent.pathTo(this.key), ...path];
    }

    get(obj: object, prop: PropertyKey): unknown {
        if (prop === IS_SPECIAL_PROXY) return true;
        if (prop === GET_SPECIAL_PROXY_TARGET) return obj;
        if (prop === IS_CACHED_PROXY) return true;
        if (prop === MEMO) return this.shared ? (this.memo ??= new Map()) : undefined;
        const cached = this.children?.get(prop);
        if (cached !== undefined || this.children?.has(prop)) return cached;
        const field = (obj as any)[prop];
        if (typeof field === "string" && UNKNOWNS.has(field)) throw new UnknownValueError(field, this.pathTo(prop) as string[]);
        let result = field;
        if (field instanceof Object) {
            // The Proxy invariant: a non-configurable, non-writable own data property must be returned as is.
            const desc = Object.getOwnPropertyDescriptor(obj, prop);
            if (!(desc && "value" in desc && desc.configurable === false && desc.writable === false)) {
                result = new Proxy(field, new SharedHandler(this, prop, this.shared));
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

/**
 * The read-only, unknown-checking view of deserialized properties. `shared`: one view per resource,
 * read by all its policies (the in-process runner's), so that what one policy works out from it is
 * kept for the next (memoOf); a view one policy reads alone keeps nothing beside it.
 */
export function cachedUnknownCheckingProxy<T extends object>(deserialized: T, shared = false): T {
    return new Proxy(deserialized, new SharedHandler(undefined, "", shared)) as T;
}

/** Whether `value` is a caching view (or a value read through one): read-only, and the same whatever reads it. */
export function isCachedView(value: unknown): boolean {
    return value !== null && typeof value === "object" && (value as Record<string, unknown>)[IS_CACHED_PROXY] === true;
}

/**
 * The value under a caching view (or a value read through one), for a reader that takes it whole and
 * checks for unknowns itself (isUnknownSentinel): undefined for anything else.
 */
export function targetOf(value: unknown): object | undefined {
    if (!isCachedView(value)) return undefined;
    const target = (value as Record<string, unknown>)[GET_SPECIAL_PROXY_TARGET];
    return target !== null && typeof target === "object" ? target : undefined;
}

/** Whether a value read from under a view is one the view would refuse as unknown at preview. */
export function isUnknownSentinel(value: unknown): boolean {
    return typeof value === "string" && UNKNOWNS.has(value);
}

/**
 * Where readers of a caching view keep what they work out from it, so that the next reader of the
 * same view (another policy of the same resource) takes it instead of reading again: it lives and
 * goes with the view. Undefined for anything else: a view one policy reads alone (the policy
 * server's, one per policy), and a plain object (which may change between two reads).
 */
export function memoOf(value: unknown): Map<unknown, unknown> | undefined {
    if (value === null || typeof value !== "object") return undefined;
    const memo = (value as { [MEMO]?: unknown })[MEMO];
    return memo instanceof Map ? memo : undefined;
}

/**
 * The properties a policy reads: the server's proxy swapped for a caching one over the same
 * deserialized value. Already caching (the in-process runner's, shared among policies): kept as it is.
 */
export function cachingView(props: Record<string, any>): Record<string, any> {
    if (props === null || typeof props !== "object") return props;
    // The server's proxy answers the target key itself; ours answers both keys without reading the value.
    const target = props[GET_SPECIAL_PROXY_TARGET];
    if (target === null || typeof target !== "object") return props;
    return props[IS_CACHED_PROXY] === true ? props : cachedUnknownCheckingProxy(target);
}
