/**
 * IAM policy documents, parsed rather than searched: a document may be a JSON string or an object,
 * `Statement` one object or a list, `Action`/`Resource` one string or a list (or their `Not...`
 * forms), and action names match case-insensitively with `*` and `?` wildcards. Values unknown at
 * preview stay `Unknown`, so that each check can skip what it cannot know.
 */
import { Unknown, isUnknown } from "./values";

export type Strings = (string | Unknown)[];

export interface Statement {
    /** Position in the document's Statement list, for messages. */
    readonly index: number;
    readonly sid?: string;
    readonly effect: "Allow" | "Deny" | Unknown | undefined;
    readonly action?: Strings | Unknown;
    readonly notAction?: Strings | Unknown;
    readonly resource?: Strings | Unknown;
    readonly notResource?: Strings | Unknown;
    /** Principals by kind ("AWS", "Service", "Federated", "CanonicalUser"); `"*"` reads as `{AWS: ["*"]}`. */
    readonly principal?: Record<string, Strings> | Unknown;
    /** Operator → condition key → values; keys kept as written. */
    readonly condition?: Record<string, Record<string, unknown>> | Unknown;
}

export type ParsedDocument =
    | { readonly kind: "document"; readonly statements: Statement[] }
    | { readonly kind: "unknown" }
    | { readonly kind: "invalid"; readonly reason: string };

function strings(v: unknown): Strings | Unknown | undefined {
    if (v === undefined || v === null) return undefined;
    if (isUnknown(v)) return v;
    const list = Array.isArray(v) ? v : [v];
    return list.map((s) => (isUnknown(s) ? s : String(s)));
}

function principal(v: unknown): Record<string, Strings> | Unknown | undefined {
    if (v === undefined || v === null) return undefined;
    if (isUnknown(v)) return v;
    if (typeof v === "string") return { AWS: [v] };
    if (typeof v !== "object") return undefined;
    const out: Record<string, Strings> = {};
    for (const [kind, value] of Object.entries(v as Record<string, unknown>)) {
        const list = strings(value);
        out[kind] = list === undefined ? [] : isUnknown(list) ? [list] : list;
    }
    return out;
}

function effect(v: unknown): Statement["effect"] {
    if (isUnknown(v)) return v;
    if (typeof v !== "string") return undefined;
    const e = v.toLowerCase();
    return e === "allow" ? "Allow" : e === "deny" ? "Deny" : undefined;
}

/** Parses a policy document given as a JSON string or an object (as returned by `plain()`). */
export function parsePolicyDocument(doc: unknown): ParsedDocument {
    if (isUnknown(doc)) return { kind: "unknown" };
    let value = doc;
    if (typeof doc === "string") {
        try {
            value = JSON.parse(doc);
        } catch (e) {
            return { kind: "invalid", reason: `not valid JSON (${(e as Error).message})` };
        }
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        return { kind: "invalid", reason: "not a JSON object" };
    }
    const raw = (value as Record<string, unknown>).Statement;
    if (isUnknown(raw)) return { kind: "unknown" };
    const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    const statements: Statement[] = [];
    list.forEach((s, index) => {
        if (isUnknown(s)) {
            statements.push({ index, effect: s });
            return;
        }
        if (s === null || typeof s !== "object") return;
        const st = s as Record<string, unknown>;
        statements.push({
            index,
            sid: typeof st.Sid === "string" ? st.Sid : undefined,
            effect: effect(st.Effect),
            action: strings(st.Action),
            notAction: strings(st.NotAction),
            resource: strings(st.Resource),
            notResource: strings(st.NotResource),
            principal: principal(st.Principal),
            condition: isUnknown(st.Condition)
                ? st.Condition
                : st.Condition && typeof st.Condition === "object"
                  ? (st.Condition as Record<string, Record<string, unknown>>)
                  : undefined,
        });
    });
    return { kind: "document", statements };
}

/** IAM wildcard match: `*` any run of characters, `?` one character, case-insensitive. */
export function wildcardMatch(pattern: string, text: string): boolean {
    const re = pattern
        .split("")
        .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
        .join("");
    return new RegExp(`^${re}$`, "is").test(text);
}

/** Whether an action pattern grants every action of every service (`*`, `*:*`). */
export function coversAllActions(pattern: string): boolean {
    return wildcardMatch(pattern, "*") || wildcardMatch(pattern, "*:*");
}

/**
 * Whether an action pattern grants every action of a service: matching the literal text
 * `<service>:*` means the pattern's tail is all wildcards (`iam:*`, `i*`, `*`).
 */
export function coversService(pattern: string, service: string): boolean {
    return wildcardMatch(pattern, `${service}:*`);
}

/** Whether a statement's actions include `action` (an Action that matches, or a NotAction that does not). */
export function grantsAction(s: Statement, action: string): boolean | Unknown {
    if (s.action !== undefined) {
        if (isUnknown(s.action)) return s.action;
        if (s.action.some((a) => typeof a === "string" && wildcardMatch(a, action))) return true;
        return s.action.some(isUnknown) ? Unknown : false;
    }
    if (s.notAction !== undefined) {
        if (isUnknown(s.notAction) || s.notAction.some(isUnknown)) return Unknown;
        return !s.notAction.some((a) => typeof a === "string" && wildcardMatch(a, action));
    }
    return false;
}

/** Resource patterns that cover every resource: `*`, or an ARN wildcarded in service and resource. */
export function coversAllResources(pattern: string): boolean {
    if (wildcardMatch(pattern, "*")) return true;
    const parts = pattern.split(":");
    return parts.length >= 6 && parts[0].toLowerCase() === "arn" && parts[2] === "*" && parts.slice(5).join(":") === "*";
}

/** Resource patterns that cover every IAM role: everything, or `arn:<partition>:iam::<account or *>:role/*`. */
export function coversAllRoles(pattern: string): boolean {
    return coversAllResources(pattern) || /^arn:[^:]*:iam::[^:]*:(\*|role\/\*)$/i.test(pattern);
}

/**
 * Whether the statement's resources are unbounded by `covers`: a Resource list with such a
 * pattern, or any NotResource (everything but a few). Unknown when that depends on an unknown.
 */
export function resourcesUnbounded(s: Statement, covers: (p: string) => boolean = coversAllResources): boolean | Unknown {
    if (s.resource !== undefined) {
        if (isUnknown(s.resource)) return s.resource;
        if (s.resource.some((r) => typeof r === "string" && covers(r))) return true;
        return s.resource.some(isUnknown) ? Unknown : false;
    }
    return s.notResource !== undefined;
}

/** A problem found in a statement, located for the message. */
export interface Finding {
    readonly statement: number;
    readonly problem: string;
}

const where = (s: Statement) => `Statement[${s.index}]${s.sid ? ` (Sid "${s.sid}")` : ""}`;

/**
 * The ways a permissions document breaks least privilege: Allow of every action (or NotAction) on
 * every resource, all of IAM on every resource, or iam:PassRole on every role. Only what is known
 * is judged.
 */
export function overbroadGrants(doc: ParsedDocument): Finding[] {
    if (doc.kind !== "document") return [];
    const findings: Finding[] = [];
    for (const s of doc.statements) {
        if (s.effect !== "Allow") continue;
        const add = (problem: string) => findings.push({ statement: s.index, problem: `${where(s)} ${problem}` });
        const actions = Array.isArray(s.action) ? s.action.filter((a): a is string => typeof a === "string") : [];
        if (resourcesUnbounded(s) === true) {
            const all = actions.find(coversAllActions);
            if (all !== undefined) {
                add(`allows Action "${all}" on every resource: list the actions and resources the principal needs`);
                continue;
            }
            if (s.notAction !== undefined && !isUnknown(s.notAction)) {
                add(`allows every action except NotAction on every resource: replace NotAction with the actions the principal needs`);
                continue;
            }
            const iam = actions.find((a) => coversService(a, "iam"));
            if (iam !== undefined) {
                add(`allows Action "${iam}" on every resource: grant only the IAM actions needed, on the ARNs needed`);
                continue;
            }
        }
        if (resourcesUnbounded(s, coversAllRoles) === true) {
            const pass = actions.find((a) => wildcardMatch(a, "iam:PassRole"));
            if (pass !== undefined) {
                add(`allows "${pass}" on every role: name the role ARNs it may pass (and add an iam:PassedToService condition)`);
            }
        }
    }
    return findings;
}

/** AWS principals that stand for people: an account (root), a user, or anyone. Roles and services do not. */
export function isHumanPrincipal(p: string): boolean {
    return p === "*" || /^\d{12}$/.test(p) || /^arn:[^:]+:iam::(\d{12}|\*):(root|user\/.+)$/i.test(p);
}

function conditionEntries(s: Statement, operators: readonly string[], key: string): unknown[] {
    if (!s.condition || isUnknown(s.condition)) return [];
    const out: unknown[] = [];
    for (const [op, block] of Object.entries(s.condition)) {
        if (!operators.includes(op.toLowerCase())) continue;
        // An operator block unknown at preview may hold the key: its value is unknown too.
        if (isUnknown(block)) out.push(Unknown);
        if (!block || typeof block !== "object") continue;
        for (const [k, v] of Object.entries(block)) {
            if (k.toLowerCase() === key.toLowerCase()) out.push(...(Array.isArray(v) ? v : [v]));
        }
    }
    return out;
}

export interface MfaVerdict {
    /** `aws:MultiFactorAuthPresent` is required to be true with the `Bool` operator. */
    readonly present: boolean | Unknown;
    /** `aws:MultiFactorAuthAge` is bounded by at most `maxAgeSeconds` with NumericLessThan(Equals). */
    readonly ageBounded: boolean | Unknown;
}

/**
 * Whether a statement requires MFA. `BoolIfExists` does not count: a caller with long-term keys
 * has no MFA key at all, and IfExists would let it through.
 */
export function mfaConditions(s: Statement, maxAgeSeconds: number): MfaVerdict {
    if (isUnknown(s.condition)) return { present: s.condition, ageBounded: s.condition };
    const present = conditionEntries(s, ["bool"], "aws:MultiFactorAuthPresent");
    const ages = conditionEntries(s, ["numericlessthan", "numericlessthanequals"], "aws:MultiFactorAuthAge");
    const presentOk = present.length > 0 && present.every((v) => !isUnknown(v) && String(v).toLowerCase() === "true");
    const ageOk = ages.some((v) => !isUnknown(v) && Number.isFinite(Number(v)) && Number(v) <= maxAgeSeconds);
    return {
        present: presentOk ? true : present.some(isUnknown) ? Unknown : false,
        ageBounded: ageOk ? true : ages.some(isUnknown) ? Unknown : false,
    };
}

/** The human principals a trust statement lets assume the role with sts:AssumeRole (known ones only). */
export function humanAssumers(s: Statement): string[] {
    if (s.effect !== "Allow" || grantsAction(s, "sts:AssumeRole") !== true) return [];
    if (!s.principal || isUnknown(s.principal)) return [];
    const aws = s.principal.AWS ?? [];
    return aws.filter((p): p is string => typeof p === "string" && isHumanPrincipal(p));
}
