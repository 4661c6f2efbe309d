import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";

/** A policy's config schema, as a pack declares it (and as GetAnalyzerInfo carries it). */
export interface PolicyConfigInfo {
    readonly name: string;
    readonly enforcementLevel?: string;
    readonly configSchema?: { properties?: Record<string, any>; required?: string[] };
}

export type PolicyConfigEntry = { enforcementLevel?: string; [key: string]: unknown };
export type PolicyPackConfig = Record<string, PolicyConfigEntry | string>;

export class PolicyConfigError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(`invalid policy pack config:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "PolicyConfigError";
    }
}

const LEVELS = ["advisory", "mandatory", "remediate", "disabled"];
const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false });
// Compiling a schema costs far more than checking a config against it; packs repeat theirs.
const compiled = new Map<string, ValidateFunction>();

function validatorFor(schema: { properties: Record<string, any>; required?: string[] }): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (!validate) {
        validate = ajv.compile({ type: "object", properties: schema.properties, required: schema.required ?? [] });
        compiled.set(key, validate);
    }
    return validate;
}

function describe(policy: string, e: ErrorObject): string {
    const at = `${policy}${e.instancePath.replace(/\//g, ".")}`;
    if (e.keyword === "required") return `${at}.${(e.params as { missingProperty: string }).missingProperty} is required`;
    if (e.keyword === "additionalProperties") {
        return `${at} has an unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    }
    return `${at} ${e.message}`;
}

/**
 * Does what the Pulumi CLI does before `Configure`: fills every policy's config with its schema's
 * defaults, lays the given config on top (a bare string is an enforcement level; "all" sets every
 * policy's level), and validates the result against each schema. Every problem is reported at once.
 */
export function reconcileConfig(policies: readonly PolicyConfigInfo[], given: PolicyPackConfig = {}): Record<string, PolicyConfigEntry> {
    const problems: string[] = [];
    const byName = new Map(policies.map((p) => [p.name, p]));
    const result: Record<string, PolicyConfigEntry> = {};
    for (const p of policies) {
        const entry: PolicyConfigEntry = {};
        if (p.enforcementLevel) entry.enforcementLevel = p.enforcementLevel;
        for (const [k, schema] of Object.entries(p.configSchema?.properties ?? {})) {
            if (schema && typeof schema === "object" && "default" in schema) entry[k] = structuredClone(schema.default);
        }
        result[p.name] = entry;
    }
    const normalized: Record<string, PolicyConfigEntry> = {};
    for (const [name, value] of Object.entries(given)) {
        normalized[name] = typeof value === "string" ? { enforcementLevel: value } : value;
    }
    const all = normalized.all;
    if (all?.enforcementLevel) {
        for (const entry of Object.values(result)) entry.enforcementLevel = all.enforcementLevel;
    }
    for (const [name, value] of Object.entries(normalized)) {
        if (name === "all") continue;
        if (!byName.has(name)) {
            problems.push(`"${name}" is not a policy of this pack (known: ${[...byName.keys()].join(", ")})`);
            continue;
        }
        Object.assign(result[name], value);
    }
    for (const [name, entry] of Object.entries(result)) {
        if (entry.enforcementLevel !== undefined && !LEVELS.includes(entry.enforcementLevel)) {
            problems.push(`${name}.enforcementLevel must be one of ${LEVELS.join(", ")}, not "${entry.enforcementLevel}"`);
        }
        const schema = byName.get(name)?.configSchema;
        if (!schema?.properties) continue;
        const { enforcementLevel: _, ...props } = entry;
        const validate = validatorFor({ properties: schema.properties, required: schema.required });
        if (!validate(props)) problems.push(...(validate.errors ?? []).map((e) => describe(name, e)));
    }
    if (problems.length > 0) throw new PolicyConfigError(problems);
    return result;
}
