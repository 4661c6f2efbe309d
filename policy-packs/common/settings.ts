import type { Exemption } from "./exemptions";

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
    /** Any other key is a setting, given to every policy whose config schema declares it. */
    readonly [setting: string]: unknown;
}

/** A policy as far as settings go: its name and the config keys its schema declares. */
export interface PolicyConfigKeys {
    readonly name: string;
    readonly keys: readonly string[];
}

export type PolicyPackConfigJson = Record<string, { enforcementLevel?: string; [key: string]: unknown }>;

export class SettingsError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(`invalid policy settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "SettingsError";
    }
}

/**
 * Expands pack-wide settings into per-policy config for the given packs' policies. Settings that no
 * policy declares are an error (a typo would otherwise weaken nothing and check nothing).
 */
export function expandSettings(settings: PackSettings, policies: readonly PolicyConfigKeys[]): PolicyPackConfigJson {
    const problems: string[] = [];
    const known = new Set(policies.map((p) => p.name));
    const result: PolicyPackConfigJson = {};
    const { exemptions = [], enforcement = {}, ...rest } = settings;

    exemptions.forEach((e, i) => {
        if (!e.policies?.length) {
            problems.push(`exemptions[${i}].policies is required at pack level: name the policies the exemption lifts`);
        }
        for (const name of e.policies ?? []) {
            if (!known.has(name)) problems.push(`exemptions[${i}].policies names an unknown policy "${name}"`);
        }
    });
    for (const [name, level] of Object.entries(enforcement)) {
        if (name !== "all" && !known.has(name)) problems.push(`enforcement names an unknown policy "${name}"`);
        if (!["advisory", "mandatory", "disabled"].includes(level)) {
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
