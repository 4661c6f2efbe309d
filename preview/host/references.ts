/**
 * Resource references as the engine hands them on. A program passes resources as inputs
 * (`bucket: siteBucket`); the SDK sends them as references, but the engine never gives analyzers or
 * providers that do not ask for them a reference: a custom resource becomes its ID (unknown in a
 * preview until the resource exists) and a component its URN.
 */
import { UNKNOWN } from "../types";

export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The ID (custom resource) or URN (component) the engine sends in place of a resource reference. */
function referenced(ref: Record<string, unknown>): string {
    if ("id" in ref) return typeof ref.id === "string" && ref.id !== "" ? ref.id : UNKNOWN;
    return typeof ref.urn === "string" ? ref.urn : UNKNOWN;
}

/**
 * `value` with every resource reference replaced by what the engine sends instead, and every
 * output value by its plain value (or the unknown marker), at any depth. Secrets stay secrets.
 * Returns the same object when there is nothing to replace.
 */
export function withoutResourceReferences<T>(value: T): T {
    return replace(value) as T;
}

function replace(value: unknown): unknown {
    if (Array.isArray(value)) {
        let changed = false;
        const out = value.map((v) => {
            const r = replace(v);
            if (r !== v) changed = true;
            return r;
        });
        return changed ? out : value;
    }
    if (!isObject(value)) return value;
    const sig = value[SIG_KEY];
    if (sig === RESOURCE_SIG) return referenced(value);
    if (sig === OUTPUT_SIG) {
        const inner = "value" in value ? replace(value.value) : UNKNOWN;
        return value.secret === true ? { [SIG_KEY]: SECRET_SIG, value: inner } : inner;
    }
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
        const r = replace(v);
        if (r !== v) changed = true;
        out[k] = r;
    }
    return changed ? out : value;
}
