import { type Exemption, exemptionProblem } from "./exemptions";

/**
 * Pack-wide settings, written once per stack (for example in `Pulumi.<stack>.yaml` under
 * `bulwark:policy`). CrossGuard configures each policy separately, so `expandSettings` turns these
 * into the per-policy config that `pulumi preview --policy-pack-config` and `Configure` take: each
 * setting goes to every policy whose schema declares it, and each exemption to the policies it names.
 */
export interface PackSettings {
    /** Exemptions; at pack level each must name the `policies` it lifts. */
    readonly exemptions?: readonly Exemption[];
    /** Enforcement level overrides by policy name (or "all"). */
    readonly enforcement?: Readonly<Record<string, "advisory" | "mandatory" | "disabled">>;
    /** Which exemption requests of programs and components apply (see `preview/exemption-requests.ts`). */
    readonly acceptedRequests?: readonly unknown[];
    /** The latest expiry an exemption may have, in days from today (default 180). */
    readonly exemptionMaxDays?: number;
    /** Any other key is a setting, given to every policy whose config schema declares it. */
    readonly [setting: string]: unknown;
}

/** A policy as far as settings go: its name and the config keys its schema declares. */
export interface PolicyConfigKeys {
    readonly name: string;
    readonly keys: readonly string[];
    /** The policy's severity and default level: a mandatory high or critical policy's exemptions need an expiry. */
    readonly severity?: string;
    readonly enforcementLevel?: string;
}

export type PolicyPackConfigJson = Record<string, { enforcementLevel?: string; [key: string]: unknown }>;

export class SettingsError extends Error {
    constructor(
        readonly problems: readonly string[],
        /** The settings file, when the settings came from one. */
        readonly file?: string,
    ) {
        super(`invalid policy settings${file ? ` in ${file}` : ""}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "SettingsError";
    }
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether a mandatory high or critical policy is lifted, so that the exemption needs an expiry. */
function requiresExpiry(e: Exemption, policies: ReadonlyMap<string, PolicyConfigKeys>, enforcement: Record<string, unknown>): boolean {
    return (e.policies ?? []).some((name) => {
        const p = policies.get(name);
        const level = enforcement[name] ?? enforcement.all ?? p?.enforcementLevel;
        return level === "mandatory" && (p?.severity === "high" || p?.severity === "critical");
    });
}

/** Every problem of a settings document's own shape and of its exemptions, each under its key. */
export function settingsProblems(settings: unknown, policies: readonly PolicyConfigKeys[], today: Date = new Date()): string[] {
    if (!isMapping(settings)) return ["the settings must be a mapping of setting names to values"];
    const problems: string[] = [];
    const byName = new Map(policies.map((p) => [p.name, p]));
    const { exemptions = [], enforcement = {}, exemptionMaxDays } = settings;
    const maxDays = typeof exemptionMaxDays === "number" ? exemptionMaxDays : undefined;
    if (exemptionMaxDays !== undefined && !(Number.isInteger(exemptionMaxDays) && (exemptionMaxDays as number) >= 1 && (exemptionMaxDays as number) <= 3650)) {
        problems.push(`exemptionMaxDays must be a whole number of days from 1 to 3650, not ${JSON.stringify(exemptionMaxDays)}`);
    }
    if (!isMapping(enforcement)) problems.push("enforcement must be a mapping of policy names to levels");
    if (!Array.isArray(exemptions)) problems.push("exemptions must be a list of exemptions");
    (Array.isArray(exemptions) ? exemptions : []).forEach((e: unknown, i) => {
        if (!isMapping(e)) {
            problems.push(`exemptions[${i}] must be a mapping with policies, a scope and a justification`);
            return;
        }
        for (const key of ["policies", "namespaces", "resources"]) {
            if (e[key] !== undefined && !(Array.isArray(e[key]) && (e[key] as unknown[]).every((v) => typeof v === "string"))) {
                problems.push(`exemptions[${i}].${key} must be a list of names`);
            }
        }
        const exemption = e as unknown as Exemption;
        const level = isMapping(enforcement) ? enforcement : {};
        const problem = exemptionProblem(exemption, { today, maxDays, requiresExpiry: requiresExpiry(exemption, byName, level) });
        // An expired exemption is not an error in the file: the violation it hid comes back and says so.
        if (problem && !problem.startsWith("it expired")) problems.push(`exemptions[${i}] does not apply: ${problem}`);
    });
    return problems;
}

/**
 * Expands pack-wide settings into per-policy config for the given packs' policies. Settings that no
 * policy declares are an error (a typo would otherwise weaken nothing and check nothing).
 */
export function expandSettings(settings: PackSettings, policies: readonly PolicyConfigKeys[]): PolicyPackConfigJson {
    const known = new Set(policies.map((p) => p.name));
    const result: PolicyPackConfigJson = {};
    const problems: string[] = settingsProblems(settings, policies);
    if (!Array.isArray(settings.exemptions ?? []) || !isMapping(settings.enforcement ?? {})) throw new SettingsError(problems);
    const { exemptions = [], enforcement = {}, acceptedRequests: _, ...rest } = settings;

    exemptions.forEach((e, i) => {
        if (!isMapping(e)) return;
        if (!e.policies?.length) {
            problems.push(`exemptions[${i}].policies is required at pack level: name the policies the exemption lifts`);
        }
        for (const name of e.policies ?? []) {
            if (!known.has(name)) problems.push(`exemptions[${i}].policies names an unknown policy "${name}"`);
        }
    });
    for (const [name, level] of Object.entries(enforcement)) {
        if (name !== "all" && !known.has(name)) problems.push(`enforcement names an unknown policy "${name}"`);
        if (!["advisory", "mandatory", "disabled"].includes(level as string)) {
            problems.push(`enforcement.${name} must be "advisory", "mandatory" or "disabled", not "${String(level)}"`);
        }
    }
    for (const key of Object.keys(rest)) {
        if (!policies.some((p) => p.keys.includes(key))) problems.push(`setting "${key}" is not read by any policy`);
    }
    if (problems.length > 0) throw new SettingsError(problems);

    for (const p of policies) {
        const config: { enforcementLevel?: string; [key: string]: unknown } = {};
        const level = enforcement[p.name] ?? enforcement.all;
        if (level) config.enforcementLevel = level;
        for (const [key, value] of Object.entries(rest)) {
            if (p.keys.includes(key)) config[key] = value;
        }
        const mine = exemptions.filter((e) => e.policies?.includes(p.name));
        if (mine.length > 0) config.exemptions = mine;
        if (Object.keys(config).length > 0) result[p.name] = config;
    }
    return result;
}
