/**
 * MFA required by a trust policy's conditions: in the Allow itself, or by an explicit Deny of every
 * request that lacks recent MFA. Whether either does the job depends on exactly how IAM evaluates
 * the conditions against each kind of caller, so each statement is evaluated against those callers
 * rather than matched by its spelling (`Bool`, `BoolIfExists`, `Null`, an age bound...).
 */
import { type Statement, grantsAction } from "./iam";
import { Unknown, isUnknown } from "./values";

export type Tri = boolean | Unknown;

/** The principals an Allow names: known strings, or Unknown when some are not known at preview. */
export type Principals = readonly string[] | Unknown;

/**
 * The callers a trust policy must stop for it to require recent MFA. IAM adds
 * `aws:MultiFactorAuthPresent` only to requests signed with temporary credentials (so a caller
 * using long-term access keys has no such key at all), and `aws:MultiFactorAuthAge` only when MFA
 * was used.
 */
export type Caller =
    /** Long-term access keys: neither key is in the request. */
    | "long-term-keys"
    /** Temporary credentials obtained without MFA: MultiFactorAuthPresent "false", no age. */
    | "session-without-mfa"
    /** MFA used, but longer ago than the configured maximum age. */
    | "stale-mfa";

export const WITHOUT_MFA: readonly Caller[] = ["long-term-keys", "session-without-mfa"];
export const STALE_MFA: readonly Caller[] = ["stale-mfa"];

const PRESENT = "aws:multifactorauthpresent";
const AGE = "aws:multifactorauthage";

export function and3(...vs: Tri[]): Tri {
    if (vs.includes(false)) return false;
    return vs.some(isUnknown) ? Unknown : true;
}

export function not3(v: Tri): Tri {
    return isUnknown(v) ? v : !v;
}

export function or3(...vs: Tri[]): Tri {
    if (vs.includes(true)) return true;
    return vs.some(isUnknown) ? Unknown : false;
}

/** Some of `values` satisfies `test` (condition values are ORed); Unknown when only an unknown could. */
function anyValue(values: unknown, test: (v: string) => boolean): Tri {
    if (isUnknown(values)) return Unknown;
    const list = Array.isArray(values) ? values : [values];
    return or3(...list.map((v) => (isUnknown(v) ? Unknown : test(String(v).toLowerCase()))));
}

/** A condition operator, lower-cased, without its `IfExists` suffix, and whether it had one. */
function parseOperator(operator: string): { base: string; ifExists: boolean } {
    const op = operator.toLowerCase();
    const ifExists = op.endsWith("ifexists");
    return { base: ifExists ? op.slice(0, -"ifexists".length) : op, ifExists };
}

/**
 * Whether a `Null` or `Bool` test of `aws:MultiFactorAuthPresent` holds for `caller` (long-term keys
 * have no such key; a session has it, "true" only after MFA); undefined for an operator not read
 * here, which a Deny and an Allow count each their own way.
 */
function presentHolds(base: string, ifExists: boolean, values: unknown, caller: Caller): Tri | undefined {
    const value = caller === "long-term-keys" ? undefined : caller === "session-without-mfa" ? "false" : "true";
    if (base === "null") return anyValue(values, (v) => (v === "true" && value === undefined) || (v === "false" && value !== undefined));
    if (base !== "bool") return undefined;
    // A plain Bool on a missing key does not match, so `Bool {"aws:MultiFactorAuthPresent": "false"}`
    // never denies a caller with long-term keys; BoolIfExists matches a missing key.
    if (value === undefined) return ifExists;
    return anyValue(values, (v) => v === value);
}

/**
 * Whether one condition (operator, key, values) holds for `caller`. A condition this cannot read
 * (another key, another operator, a set operator) is taken not to hold: a Deny it narrows might not
 * apply, and a Deny that might not apply does not enforce anything.
 */
function conditionHolds(operator: string, key: string, values: unknown, caller: Caller, maxAgeSeconds: number): Tri {
    const { base, ifExists } = parseOperator(operator);
    const k = key.toLowerCase();
    if (k === PRESENT) return presentHolds(base, ifExists, values, caller) ?? false;
    if (k === AGE) {
        if (caller !== "stale-mfa") {
            if (base === "null") return anyValue(values, (v) => v === "true");
            return base.startsWith("numeric") && ifExists;
        }
        if (base === "null") return anyValue(values, (v) => v === "false");
        // "Older than the maximum" is every age above it: only a lower bound at or below the
        // maximum catches them all.
        if (base !== "numericgreaterthan" && base !== "numericgreaterthanequals") return false;
        return anyValue(values, (v) => v.trim() !== "" && Number.isFinite(Number(v)) && Number(v) <= maxAgeSeconds);
    }
    return false;
}

/** An account id and its root ARN name the same principal. */
function normalPrincipal(p: string): string {
    const account = /^(\d{12})$/.exec(p)?.[1] ?? /^arn:[^:]+:iam::(\d{12}):root$/i.exec(p)?.[1];
    return account ? `account:${account}` : p;
}

/**
 * Whether a Deny names every one of `principals` (or `*`). Only the same principal counts: whether
 * an account principal in a Deny also reaches that account's users is not something to rely on.
 */
function coversPrincipals(s: Statement, principals: Principals): Tri {
    if (s.principal === undefined) return false;
    if (isUnknown(s.principal)) return Unknown;
    const named = s.principal.AWS ?? [];
    if (named.includes("*")) return true;
    if (isUnknown(principals)) return Unknown;
    const known = new Set(named.filter((p): p is string => typeof p === "string").map(normalPrincipal));
    const unknownNamed = named.some(isUnknown);
    return and3(...principals.map((p) => (known.has(normalPrincipal(p)) ? true : unknownNamed ? Unknown : false)));
}

/** Whether Deny statement `s` stops `caller` when one of `principals` requests one of `actions`. */
export function denies(s: Statement, caller: Caller, principals: Principals, actions: readonly string[], maxAgeSeconds: number): Tri {
    if (isUnknown(s.effect)) return Unknown;
    if (s.effect !== "Deny") return false;
    const scope = and3(coversPrincipals(s, principals), ...actions.map((a) => grantsAction(s, a)));
    if (scope === false) return false;
    if (isUnknown(s.condition)) return and3(scope, Unknown);
    // Conditions are ANDed across operators and keys: every one must hold for the Deny to apply.
    const held: Tri[] = [];
    for (const [operator, block] of Object.entries(s.condition ?? {})) {
        if (isUnknown(block)) {
            held.push(Unknown);
            continue;
        }
        if (!block || typeof block !== "object") {
            held.push(false);
            continue;
        }
        for (const [key, values] of Object.entries(block)) held.push(conditionHolds(operator, key, values, caller, maxAgeSeconds));
    }
    return and3(scope, ...held);
}

/** Whether the document's Deny statements stop every one of `callers` (each by some statement). */
export function deniedFor(
    statements: readonly Statement[],
    callers: readonly Caller[],
    principals: Principals,
    actions: readonly string[],
    maxAgeSeconds: number,
): Tri {
    if ((!isUnknown(principals) && principals.length === 0) || actions.length === 0) return false;
    return and3(...callers.map((c) => or3(...statements.map((s) => denies(s, c, principals, actions, maxAgeSeconds)))));
}

/**
 * A Deny that looks as if it required MFA but tests `aws:MultiFactorAuthPresent` with plain `Bool`,
 * which lets long-term access keys through: worth naming in the message, since it reads as correct.
 */
export function plainBoolDeny(statements: readonly Statement[], principals: readonly string[], actions: readonly string[]): Statement | undefined {
    return statements.find((s) => {
        if (s.effect !== "Deny" || !s.condition || isUnknown(s.condition)) return false;
        if (and3(coversPrincipals(s, principals), ...actions.map((a) => grantsAction(s, a))) !== true) return false;
        return Object.entries(s.condition).some(
            ([op, block]) => op.toLowerCase() === "bool" && !!block && typeof block === "object" && Object.keys(block).some((k) => k.toLowerCase() === PRESENT),
        );
    });
}

/**
 * Whether one condition of an Allow can hold for some caller of the kind. A condition this does not
 * read (another key or operator) may hold: it cannot be counted on to keep anyone out.
 */
function allowConditionMayHold(operator: string, key: string, values: unknown, caller: Caller, maxAgeSeconds: number): Tri {
    const { base, ifExists } = parseOperator(operator);
    const k = key.toLowerCase();
    if (k === PRESENT) return presentHolds(base, ifExists, values, caller) ?? true;
    if (k === AGE) {
        if (caller !== "stale-mfa") {
            // No MFA, no age key: a numeric test of it fails unless IfExists; Null "true" matches.
            if (base === "null") return anyValue(values, (v) => v === "true");
            return base.startsWith("numeric") && !base.startsWith("numericnot") ? ifExists : true;
        }
        if (base === "null") return anyValue(values, (v) => v === "false");
        // Stale MFA is every age above the maximum: an upper bound at or below it admits none of them.
        if (["numericlessthan", "numericlessthanequals", "numericequals"].includes(base)) {
            return anyValue(values, (v) => !(v.trim() !== "" && Number.isFinite(Number(v)) && Number(v) <= maxAgeSeconds));
        }
        return true;
    }
    return true;
}

/** Whether Allow statement `s` can grant the request to some caller of the kind (its conditions are ANDed). */
export function allowApplies(s: Statement, caller: Caller, maxAgeSeconds: number): Tri {
    if (isUnknown(s.condition)) return Unknown;
    const held: Tri[] = [];
    for (const [operator, block] of Object.entries(s.condition ?? {})) {
        if (isUnknown(block)) {
            held.push(Unknown);
            continue;
        }
        if (!block || typeof block !== "object") continue;
        for (const [key, values] of Object.entries(block)) held.push(allowConditionMayHold(operator, key, values, caller, maxAgeSeconds));
    }
    return and3(...held);
}

/**
 * What an Allow's own conditions require: MFA when neither long-term keys nor a session without MFA
 * can satisfy them (`Bool` true, or any test of the age key, which exists only after MFA), and an
 * age bound when stale MFA cannot. `BoolIfExists` true alone lets long-term keys through.
 */
export function allowRequiresMfa(s: Statement, maxAgeSeconds: number): { present: Tri; ageBounded: Tri } {
    return {
        present: not3(or3(...WITHOUT_MFA.map((c) => allowApplies(s, c, maxAgeSeconds)))),
        ageBounded: not3(allowApplies(s, "stale-mfa", maxAgeSeconds)),
    };
}
