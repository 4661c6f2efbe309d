import { UnknownValueError } from "@pulumi/policy";
import { isUnknownSentinel, targetOf } from "../../common/unknown-proxy";

/**
 * Marks a value the engine will only know during the update. Policies copy their inputs out of the
 * engine's unknown-checking proxy with `plain()`, so that one unknown field neither aborts the whole
 * check nor reads as "unset": each check decides what an unknown means for it (never a violation).
 */
export const Unknown: unique symbol = Symbol("unknown at preview");
export type Unknown = typeof Unknown;

export function isUnknown(v: unknown): v is Unknown {
    return v === Unknown;
}

/** Deep copy of a (proxied) value with every unknown leaf replaced by `Unknown`. */
export function plain(value: unknown): any {
    if (value === null || typeof value !== "object") return value;
    // Under the read-only view every policy is handed: the same copy, without a proxy trap per field.
    const target = targetOf(value);
    if (target !== undefined) return plainTarget(target);
    if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => read(() => value[i]));
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) out[k] = read(() => (value as Record<string, unknown>)[k]);
    return out;
}

/** plain() of the value under a view: each field the view would refuse as unknown becomes `Unknown`. */
function plainTarget(value: unknown): any {
    if (value === null || typeof value !== "object") return isUnknownSentinel(value) ? Unknown : value;
    if (Array.isArray(value)) {
        const out = new Array(value.length);
        for (let i = 0; i < value.length; i++) out[i] = plainTarget(value[i]);
        return out;
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) out[k] = plainTarget((value as Record<string, unknown>)[k]);
    return out;
}

/** Reads one field through the proxy, which throws on an unknown. */
function read(get: () => unknown): unknown {
    try {
        return plain(get());
    } catch (e) {
        if (e instanceof UnknownValueError) return Unknown;
        throw e;
    }
}

/** A list input read as a list: absent is empty; a single value is a list of one. */
export function listOf(v: unknown): unknown[] | Unknown {
    if (isUnknown(v)) return Unknown;
    if (v === undefined || v === null) return [];
    return Array.isArray(v) ? v : [v];
}

/** Whether a list (possibly with unknown elements) holds an unknown. */
export function hasUnknown(v: unknown): boolean {
    if (isUnknown(v)) return true;
    if (Array.isArray(v)) return v.some(hasUnknown);
    if (v !== null && typeof v === "object") return Object.values(v).some(hasUnknown);
    return false;
}

/** Truthiness of a boolean-ish input: launch templates carry booleans as the strings "true"/"false". */
export function isTrue(v: unknown): boolean {
    return v === true || (typeof v === "string" && v.toLowerCase() === "true");
}

/** CIDRs that mean "anyone on the internet". */
export function isAnywhere(cidr: unknown): boolean {
    return typeof cidr === "string" && /^(0\.0\.0\.0|::|0:0:0:0:0:0:0:0)\/0$/.test(cidr.trim());
}
