import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { ACCOUNT, doc, fail, pass } from "../lib/resources.fixtures";

const R = "aws:iam/role:Role";
const MFA = { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } };
const human = (Principal: unknown, Condition?: unknown) => ({ Effect: "Allow", Principal, Action: "sts:AssumeRole", ...(Condition ? { Condition } : {}) });
const deny = (Principal: unknown, Condition: unknown, Action: unknown = "sts:AssumeRole") => ({ Effect: "Deny", Principal, Action, Condition });
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const NO_MFA_IF_EXISTS = { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } };
/** Denies stale MFA only: without IfExists, a request with no MFA age (no MFA at all) is not matched. */
const STALE_MFA = { NumericGreaterThan: { "aws:MultiFactorAuthAge": "3600" } };

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "account-root-with-recent-mfa": pass(R),
        "trust-policy-as-object": pass(R, (p) => (p.assumeRolePolicy = doc(human({ AWS: ACCOUNT }, MFA)))),
        "service-principal-needs-no-mfa": pass(R, (p) => {
            p.assumeRolePolicy = doc({ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: "sts:AssumeRole" });
        }),
        "web-identity-needs-no-mfa": pass(R, (p) => {
            p.assumeRolePolicy = doc({
                Effect: "Allow",
                Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC` },
                Action: "sts:AssumeRoleWithWebIdentity",
            });
        }),
        "role-principal-is-not-a-person": pass(R, (p) => (p.assumeRolePolicy = doc(human({ AWS: `arn:aws:iam::${ACCOUNT}:role/ci` })))),
        "age-equal-to-configured-max": pass(
            R,
            (p) => {
                p.assumeRolePolicy = doc(human({ AWS: ACCOUNT }, { Bool: MFA.Bool, NumericLessThanEquals: { "aws:MultiFactorAuthAge": 900 } }));
            },
            { maxMfaAgeSeconds: 900 },
        ),
        "bool-if-exists-with-age-bound-requires-mfa": pass(R, (p) => {
            p.assumeRolePolicy = doc(human({ AWS: ACCOUNT }, { BoolIfExists: MFA.Bool, NumericLessThan: MFA.NumericLessThan }));
        }),
        "age-bound-alone-requires-mfa": pass(R, (p) => (p.assumeRolePolicy = doc(human({ AWS: ACCOUNT }, { NumericLessThanEquals: { "aws:MultiFactorAuthAge": "3600" } })))),
        "deny-age-key-missing-with-null": pass(R, (p) => {
            p.assumeRolePolicy = doc(human({ AWS: ROOT }), deny({ AWS: ROOT }, { Null: { "aws:MultiFactorAuthAge": "true" } }), deny({ AWS: ROOT }, STALE_MFA));
        }),
        "trust-policy-unknown-at-preview": pass(R, (p) => (p.assumeRolePolicy = UNKNOWN)),
        "principal-unknown-at-preview": pass(R, (p) => (p.assumeRolePolicy = doc(human({ AWS: UNKNOWN })))),
        "deny-without-mfa-if-exists-and-deny-stale-mfa": pass(R, (p) => {
            p.assumeRolePolicy = doc(human({ AWS: ROOT }), deny({ AWS: ROOT }, NO_MFA_IF_EXISTS), deny({ AWS: ROOT }, STALE_MFA));
        }),
        "deny-missing-or-stale-mfa-age-if-exists-alone": pass(R, (p) => {
            p.assumeRolePolicy = doc(human({ AWS: ROOT }), deny({ AWS: ROOT }, { NumericGreaterThanIfExists: { "aws:MultiFactorAuthAge": "3600" } }));
        }),
        "deny-everyone-on-sts-wildcard": pass(R, (p) => {
            p.assumeRolePolicy = doc(human({ AWS: [ACCOUNT, `arn:aws:iam::${ACCOUNT}:user/alice`] }), deny("*", NO_MFA_IF_EXISTS, "sts:*"), deny("*", STALE_MFA, "*"));
        }),
        "allow-requires-mfa-deny-bounds-its-age": pass(R, (p) => {
            p.assumeRolePolicy = doc(human({ AWS: ACCOUNT }, { Bool: MFA.Bool }), deny({ AWS: ROOT }, { NumericGreaterThan: { "aws:MultiFactorAuthAge": 900 } }));
        }),
        "deny-key-missing-with-null-and-false-with-bool": pass(R, (p) => {
            p.assumeRolePolicy = doc(
                human({ AWS: ROOT }, { NumericLessThan: MFA.NumericLessThan }),
                deny({ AWS: ROOT }, { Null: { "aws:MultiFactorAuthPresent": "true" } }),
                deny({ AWS: ROOT }, { Bool: { "aws:MultiFactorAuthPresent": "false" } }),
            );
        }),
        "deny-principal-unknown-at-preview": pass(R, (p) => {
            p.assumeRolePolicy = doc(human({ AWS: ROOT }), deny({ AWS: UNKNOWN }, NO_MFA_IF_EXISTS), deny({ AWS: UNKNOWN }, STALE_MFA));
        }),
    },
    fail: {
        "root-without-mfa": fail(R, 'Statement[0] lets "arn:aws:iam::123456789012:root" assume the role without MFA', (p) => {
            p.assumeRolePolicy = JSON.stringify(doc(human({ AWS: `arn:aws:iam::${ACCOUNT}:root` })));
        }),
        "user-with-mfa-of-any-age": fail(R, "with an MFA session of any age", (p) => {
            p.assumeRolePolicy = doc(human({ AWS: [`arn:aws:iam::${ACCOUNT}:user/alice`] }, { Bool: MFA.Bool }));
        }),
        "anyone-star": fail(R, 'lets "*" assume the role without MFA', (p) => (p.assumeRolePolicy = doc(human("*")))),
        "bool-if-exists-alone-lets-long-term-keys-through": fail(R, "BoolIfExists matches when aws:MultiFactorAuthPresent is absent", (p) => {
            p.assumeRolePolicy = doc(human({ AWS: ACCOUNT }, { BoolIfExists: MFA.Bool }));
        }),
        "age-bound-if-exists-admits-callers-without-mfa": fail(R, "without MFA", (p) => {
            p.assumeRolePolicy = doc(human({ AWS: ACCOUNT }, { NumericLessThanIfExists: MFA.NumericLessThan }));
        }),
        "age-above-configured-max": fail(R, '"aws:MultiFactorAuthAge": "900"', () => undefined, { maxMfaAgeSeconds: 900 }),
        "wildcard-action-covers-assume-role": fail(R, "Statement[1]", (p) => {
            p.assumeRolePolicy = doc(
                { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
                { Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "sts:*" },
            );
        }),
        "deny-with-plain-bool-misses-long-term-keys": fail(R, "Statement[1] denies with Bool, which does not match when aws:MultiFactorAuthPresent is absent", (p) => {
            p.assumeRolePolicy = doc(human({ AWS: ROOT }), deny({ AWS: ROOT }, { Bool: { "aws:MultiFactorAuthPresent": "false" } }), deny({ AWS: ROOT }, STALE_MFA));
        }),
        "deny-names-another-principal": fail(R, `"arn:aws:iam::${ACCOUNT}:user/alice" assume the role without MFA`, (p) => {
            p.assumeRolePolicy = doc(human({ AWS: [ROOT, `arn:aws:iam::${ACCOUNT}:user/alice`] }), deny({ AWS: ROOT }, NO_MFA_IF_EXISTS), deny({ AWS: ROOT }, STALE_MFA));
        }),
        "deny-on-another-action": fail(R, "without MFA", (p) => {
            p.assumeRolePolicy = doc(human({ AWS: ROOT }), deny({ AWS: ROOT }, NO_MFA_IF_EXISTS, "sts:TagSession"), deny({ AWS: ROOT }, STALE_MFA));
        }),
        "deny-narrowed-by-another-condition": fail(R, "without MFA", (p) => {
            p.assumeRolePolicy = doc(
                human({ AWS: ROOT }),
                deny({ AWS: ROOT }, { ...NO_MFA_IF_EXISTS, StringEquals: { "aws:PrincipalTag/team": "ops" } }),
                deny({ AWS: ROOT }, STALE_MFA),
            );
        }),
        "deny-stale-mfa-above-configured-max": fail(R, "with an MFA session of any age", (p) => {
            p.assumeRolePolicy = doc(human({ AWS: ROOT }), deny({ AWS: ROOT }, NO_MFA_IF_EXISTS), deny({ AWS: ROOT }, { NumericGreaterThan: { "aws:MultiFactorAuthAge": "7200" } }));
        }),
        "deny-missing-and-stale-mfa-in-one-statement-bounds-no-age": fail(R, "with an MFA session of any age", (p) => {
            p.assumeRolePolicy = doc(human({ AWS: ROOT }), deny({ AWS: ROOT }, { ...NO_MFA_IF_EXISTS, NumericGreaterThanIfExists: STALE_MFA.NumericGreaterThan }));
        }),
        "malformed-json": fail(R, "assumeRolePolicy is not valid JSON", (p) => (p.assumeRolePolicy = "{not json")),
    },
};
