/**
 * Role trust policies: who may assume a role, and whether people must have used MFA to do it,
 * either as a condition of the Allow or through a Deny of every request without recent MFA.
 */
import { type Finding, type ParsedDocument, type Statement, grantsAction, humanAssumers } from "./iam";
import { type Principals, STALE_MFA, WITHOUT_MFA, allowRequiresMfa, deniedFor, or3, plainBoolDeny } from "./mfa-deny";
import { Unknown, isUnknown } from "./values";

const ASSUME_ACTIONS = ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"];

interface Gate {
    readonly present: boolean | Unknown;
    readonly ageBounded: boolean | Unknown;
}

/** Whether `allow` lets `principals` assume the role only with MFA of bounded age, by its own conditions or a Deny. */
function gate(allow: Statement, statements: readonly Statement[], principals: Principals, actions: readonly string[], maxAgeSeconds: number): Gate {
    const own = allowRequiresMfa(allow, maxAgeSeconds);
    return {
        present: or3(own.present, deniedFor(statements, WITHOUT_MFA, principals, actions, maxAgeSeconds)),
        ageBounded: or3(own.ageBounded, deniedFor(statements, STALE_MFA, principals, actions, maxAgeSeconds)),
    };
}

/** Whether an Allow tests MFA with BoolIfExists, which reads as requiring it but does not. */
function ifExistsAllow(s: Statement): boolean {
    if (!s.condition || isUnknown(s.condition)) return false;
    return Object.entries(s.condition).some(
        ([op, block]) =>
            op.toLowerCase() === "boolifexists" && !!block && typeof block === "object" && Object.keys(block).some((k) => k.toLowerCase() === "aws:multifactorauthpresent"),
    );
}

/** Trust statements that let people assume the role without MFA, or with MFA of unbounded age. */
export function mfaGaps(doc: ParsedDocument, maxAgeSeconds: number): Finding[] {
    if (doc.kind !== "document") return [];
    const findings: Finding[] = [];
    for (const s of doc.statements) {
        const humans = humanAssumers(s);
        if (humans.length === 0) continue;
        const mfa = gate(s, doc.statements, humans, ["sts:AssumeRole"], maxAgeSeconds);
        const who = humans.map((h) => `"${h}"`).join(", ");
        if (mfa.present === false) {
            const plainBool = plainBoolDeny(doc.statements, humans, ["sts:AssumeRole"]);
            const hint = plainBool
                ? ` (Statement[${plainBool.index}] denies with Bool, which does not match when aws:MultiFactorAuthPresent is absent, ` +
                  `as it is for long-term access keys: use BoolIfExists)`
                : ifExistsAllow(s)
                  ? " (BoolIfExists matches when aws:MultiFactorAuthPresent is absent, as it is for long-term access keys: use Bool, or bound aws:MultiFactorAuthAge, which exists only after MFA)"
                  : "";
            findings.push({
                statement: s.index,
                problem:
                    `Statement[${s.index}] lets ${who} assume the role without MFA${hint}: add Condition ` +
                    `{"Bool": {"aws:MultiFactorAuthPresent": "true"}}, or a Deny of sts:AssumeRole for the same principals with ` +
                    `{"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}`,
            });
        }
        if (mfa.ageBounded === false) {
            findings.push({
                statement: s.index,
                problem:
                    `Statement[${s.index}] lets ${who} assume the role with an MFA session of any age: add Condition ` +
                    `{"NumericLessThan": {"aws:MultiFactorAuthAge": "${maxAgeSeconds}"}}, or a Deny of sts:AssumeRole for the same ` +
                    `principals with {"NumericGreaterThan": {"aws:MultiFactorAuthAge": "${maxAgeSeconds}"}}`,
            });
        }
    }
    return findings;
}

/**
 * The principals a Deny must cover for it to gate `s`: its AWS principals, Unknown while some are not
 * known, and none when it also trusts a service or federated principal (which cannot present MFA).
 */
function awsPrincipals(s: Statement): Principals {
    if (isUnknown(s.principal)) return Unknown;
    if (!s.principal || Object.keys(s.principal).some((k) => k !== "AWS")) return [];
    const aws = s.principal.AWS ?? [];
    return aws.some(isUnknown) ? Unknown : (aws as string[]);
}

/**
 * Whether a role is MFA-gated: at least one statement allows assuming it, and every statement that
 * does requires MFA of bounded age, itself or through a Deny (a service or federated principal cannot
 * present MFA, so a role that trusts one is not MFA-gated).
 */
export function requiresMfa(doc: ParsedDocument, maxAgeSeconds: number): boolean | Unknown {
    if (doc.kind === "unknown") return Unknown;
    if (doc.kind === "invalid") return false;
    let any = false;
    let unknown = false;
    for (const s of doc.statements) {
        if (isUnknown(s.effect)) {
            unknown = true;
            continue;
        }
        if (s.effect !== "Allow") continue;
        const grants = ASSUME_ACTIONS.map((a) => grantsAction(s, a));
        if (grants.some(isUnknown)) unknown = true;
        if (!grants.includes(true)) continue;
        any = true;
        const granted = ASSUME_ACTIONS.filter((_, i) => grants[i] === true);
        const mfa = gate(s, doc.statements, awsPrincipals(s), granted, maxAgeSeconds);
        if (mfa.present === false || mfa.ageBounded === false) return false;
        if (isUnknown(mfa.present) || isUnknown(mfa.ageBounded)) unknown = true;
    }
    if (unknown) return Unknown;
    return any;
}

export const maxMfaAgeSchema = {
    type: "integer" as const,
    minimum: 60,
    maximum: 43200,
    default: 3600,
    description: "Longest MFA session age (seconds) a trust policy may accept through aws:MultiFactorAuthAge.",
};
