/** Role trust policies: who may assume a role, and whether people must have used MFA to do it. */
import { type Finding, type ParsedDocument, grantsAction, humanAssumers, mfaConditions } from "./iam";
import { Unknown, isUnknown } from "./values";

const ASSUME_ACTIONS = ["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"];

/** Trust statements that let people assume the role without MFA, or with MFA of unbounded age. */
export function mfaGaps(doc: ParsedDocument, maxAgeSeconds: number): Finding[] {
    if (doc.kind !== "document") return [];
    const findings: Finding[] = [];
    for (const s of doc.statements) {
        const humans = humanAssumers(s);
        if (humans.length === 0) continue;
        const mfa = mfaConditions(s, maxAgeSeconds);
        const who = humans.map((h) => `"${h}"`).join(", ");
        if (mfa.present === false) {
            findings.push({
                statement: s.index,
                problem:
                    `Statement[${s.index}] lets ${who} assume the role without MFA: add Condition ` +
                    `{"Bool": {"aws:MultiFactorAuthPresent": "true"}}`,
            });
        }
        if (mfa.ageBounded === false) {
            findings.push({
                statement: s.index,
                problem:
                    `Statement[${s.index}] lets ${who} assume the role with an MFA session of any age: add Condition ` +
                    `{"NumericLessThan": {"aws:MultiFactorAuthAge": "${maxAgeSeconds}"}}`,
            });
        }
    }
    return findings;
}

/**
 * Whether a role is MFA-gated: at least one statement allows assuming it, and every statement that
 * does requires MFA of bounded age (a service or federated principal cannot present MFA, so a role
 * that trusts one is not MFA-gated).
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
        const mfa = mfaConditions(s, maxAgeSeconds);
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
