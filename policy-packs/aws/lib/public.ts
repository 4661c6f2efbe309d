/**
 * Whether a policy document lets any AWS account in: a `"*"` principal (or an Allow with NotPrincipal)
 * is public unless a condition pins the caller to known accounts, an organisation, or the owner's
 * network, in the Allow itself or through a Deny of everyone else. The condition keys' semantics
 * decide: a key a caller may lack bounds nothing under IfExists, and `sts:ExternalId` or MFA
 * conditions say nothing about which account is calling.
 */
import { parseCidr, tooBroad } from "./cidr";
import { type Statement, grantsAction, resourcesUnbounded, wildcardMatch } from "./iam";
import { type Tri, and3, or3 } from "./mfa-deny";
import { Unknown, isUnknown } from "./values";

type KeyKind = "account" | "arn" | "org" | "network" | "cidr";

/** Condition keys that name the caller's account, organisation or network. */
const PINNING_KEYS: Readonly<Record<string, KeyKind>> = {
    "aws:principalaccount": "account",
    "aws:principalarn": "arn",
    "aws:principalorgid": "org",
    "aws:principalorgpaths": "org",
    "aws:sourceaccount": "account",
    "aws:sourceowner": "account",
    "aws:sourcearn": "arn",
    "aws:sourceorgid": "org",
    "aws:sourceorgpaths": "org",
    "kms:calleraccount": "account",
    "aws:sourcevpce": "network",
    "aws:sourcevpc": "network",
    "aws:sourceip": "cidr",
};

/** Keys every request carries, so that IfExists on them still bounds the caller. */
const ALWAYS_PRESENT = new Set(["aws:principalaccount", "aws:principalarn", "kms:calleraccount"]);

const POSITIVE = new Set(["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress"]);
const NEGATED = new Set(["stringnotequals", "stringnotequalsignorecase", "stringnotlike", "arnnotequals", "arnnotlike", "notipaddress"]);

/** Source ranges as S3 reads "public": one organisation's (no broader than /8 for IPv4, /32 for IPv6), not the internet. */
const ONE_ORGANISATION = { ipv4: 8, ipv6: 32 };

/** Whether a value names something definite: not all wildcards, and for an ARN, a definite account. */
function definite(kind: KeyKind, value: string): boolean {
    if (/^[*?]*$/.test(value)) return false;
    if (kind === "account") return /^\d{12}$/.test(value);
    if (kind === "cidr") {
        const range = value.includes("/") ? value : `${value}/${value.includes(":") ? 128 : 32}`;
        return parseCidr(range) !== undefined && tooBroad(range, ONE_ORGANISATION) === undefined;
    }
    if (kind === "arn") {
        // An account-less ARN (an S3 bucket) names one resource by its globally unique name, when it has no wildcard.
        const parts = value.split(":");
        const account = parts[4];
        if (account === "") return parts.length >= 6 && parts.slice(5).join(":") !== "" && !/[*?]/.test(parts.slice(5).join(":"));
        return account !== undefined && /^\d{12}$/.test(account);
    }
    return !/^[*?]/.test(value);
}

/** Whether one condition (operator, key, values) pins the caller, read as `positive` or negated operators. */
function pins(operator: string, key: string, values: unknown, positive: boolean): Tri {
    let op = operator.toLowerCase();
    if (op.startsWith("forallvalues:")) return false;
    if (op.startsWith("foranyvalue:")) op = op.slice("foranyvalue:".length);
    const ifExists = op.endsWith("ifexists");
    const base = ifExists ? op.slice(0, -"ifexists".length) : op;
    const k = key.toLowerCase();
    const kind = PINNING_KEYS[k];
    if (!kind || !(positive ? POSITIVE : NEGATED).has(base)) return false;
    // IpAddress tests aws:SourceIp; the string and ARN operators test the other keys.
    if ((kind === "cidr") !== base.endsWith("ipaddress")) return false;
    // A positive test under IfExists lets in every caller without the key; a Deny's negated test matches them anyway.
    if (positive && ifExists && !ALWAYS_PRESENT.has(k)) return false;
    if (isUnknown(values)) return Unknown;
    const list = Array.isArray(values) ? values : [values];
    if (list.length === 0) return false;
    return and3(...list.map((v) => (isUnknown(v) ? Unknown : typeof v === "string" && definite(kind, v))));
}

function anyCondition(s: Statement, positive: boolean): Tri {
    if (isUnknown(s.condition)) return Unknown;
    const found: Tri[] = [];
    for (const [op, block] of Object.entries(s.condition ?? {})) {
        if (isUnknown(block)) {
            found.push(Unknown);
            continue;
        }
        if (!block || typeof block !== "object") continue;
        for (const [key, values] of Object.entries(block)) found.push(pins(op, key, values, positive));
    }
    return or3(...found);
}

/** Whether the statement's conditions hold only for one of the negated pinning tests (so that a Deny with them stops outsiders only). */
function onlyNegatedPins(s: Statement): Tri {
    if (isUnknown(s.condition)) return Unknown;
    const all: Tri[] = [];
    for (const [op, block] of Object.entries(s.condition ?? {})) {
        if (isUnknown(block)) return Unknown;
        if (!block || typeof block !== "object") return false;
        for (const [key, values] of Object.entries(block)) all.push(pins(op, key, values, false));
    }
    return all.length === 0 ? false : and3(...all);
}

/** Whether an Allow statement names everyone: `"*"` (or `{"AWS": "*"}`), or any NotPrincipal. */
export function everyone(s: Statement): Tri {
    if (s.effect !== "Allow") return false;
    if (s.notPrincipal !== undefined) return isUnknown(s.notPrincipal) ? Unknown : true;
    if (s.principal === undefined) return false;
    if (isUnknown(s.principal)) return Unknown;
    const aws = s.principal.AWS ?? [];
    if (aws.includes("*")) return true;
    return aws.some(isUnknown) ? Unknown : false;
}

/** The actions an Allow grants, as written (for Deny coverage and messages); Unknown when not known. */
function actionsOf(s: Statement): string[] | Unknown {
    if (s.notAction !== undefined) return ["*"];
    if (s.action === undefined) return [];
    if (isUnknown(s.action) || s.action.some(isUnknown)) return Unknown;
    return s.action as string[];
}

/** Whether Deny `d` reaches every resource the Allow `s` names. */
function coversResources(d: Statement, s: Statement): Tri {
    const all = resourcesUnbounded(d);
    if (all !== false) return all;
    if (d.resource === undefined || isUnknown(d.resource) || s.resource === undefined) return false;
    if (isUnknown(s.resource)) return Unknown;
    const denied = d.resource;
    return and3(
        ...s.resource.map((r) => (isUnknown(r) ? Unknown : denied.some((p) => typeof p === "string" && wildcardMatch(p, r)) ? true : denied.some(isUnknown) ? Unknown : false)),
    );
}

/** A Deny for every principal of every action and resource the Allow names, unless the caller is pinned: the account wall. */
function walledByDeny(s: Statement, statements: readonly Statement[]): Tri {
    const actions = actionsOf(s);
    if (isUnknown(actions)) return Unknown;
    return or3(
        ...statements.map((d) => {
            if (d.effect !== "Deny" || d.notPrincipal !== undefined) return false;
            if (isUnknown(d.principal)) return Unknown;
            if (!d.principal?.AWS?.includes("*")) return false;
            return and3(onlyNegatedPins(d), coversResources(d, s), ...actions.map((a) => grantsAction(d, a)));
        }),
    );
}

/** Whether an Allow lets any AWS account in: it names everyone and nothing pins the caller. */
export function publicAllow(s: Statement, statements: readonly Statement[]): Tri {
    const all = everyone(s);
    if (all !== true) return all;
    const pinned = or3(anyCondition(s, true), walledByDeny(s, statements));
    return isUnknown(pinned) ? Unknown : !pinned;
}

/** The actions of a statement for a message. */
export function describeActions(s: Statement): string {
    const actions = actionsOf(s);
    if (s.notAction !== undefined) return "every action but its NotAction";
    return isUnknown(actions) ? "its actions" : actions.join(", ");
}

/** Whether the only conditions on a public statement are ones that do not say who is calling (MFA, ExternalId). */
export function misleadingConditions(s: Statement): string[] {
    if (!s.condition || isUnknown(s.condition)) return [];
    const keys = Object.values(s.condition).flatMap((b) => (b && typeof b === "object" && !isUnknown(b) ? Object.keys(b) : []));
    return keys.filter((k) => /^(aws:multifactorauth(present|age)|sts:externalid)$/i.test(k));
}
