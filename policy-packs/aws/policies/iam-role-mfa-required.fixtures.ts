import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { ACCOUNT, doc, fail, pass } from "../lib/resources.fixtures";

const R = "aws:iam/role:Role";
const MFA = { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } };
const human = (Principal: unknown, Condition?: unknown) => ({ Effect: "Allow", Principal, Action: "sts:AssumeRole", ...(Condition ? { Condition } : {}) });

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
        "trust-policy-unknown-at-preview": pass(R, (p) => (p.assumeRolePolicy = UNKNOWN)),
        "principal-unknown-at-preview": pass(R, (p) => (p.assumeRolePolicy = doc(human({ AWS: UNKNOWN })))),
    },
    fail: {
        "root-without-mfa": fail(R, 'Statement[0] lets "arn:aws:iam::123456789012:root" assume the role without MFA', (p) => {
            p.assumeRolePolicy = JSON.stringify(doc(human({ AWS: `arn:aws:iam::${ACCOUNT}:root` })));
        }),
        "user-with-mfa-of-any-age": fail(R, "with an MFA session of any age", (p) => {
            p.assumeRolePolicy = doc(human({ AWS: [`arn:aws:iam::${ACCOUNT}:user/alice`] }, { Bool: MFA.Bool }));
        }),
        "anyone-star": fail(R, 'lets "*" assume the role without MFA', (p) => (p.assumeRolePolicy = doc(human("*")))),
        "bool-if-exists-does-not-count": fail(R, "without MFA", (p) => {
            p.assumeRolePolicy = doc(human({ AWS: ACCOUNT }, { BoolIfExists: MFA.Bool, NumericLessThan: MFA.NumericLessThan }));
        }),
        "age-above-configured-max": fail(R, '"aws:MultiFactorAuthAge": "900"', () => undefined, { maxMfaAgeSeconds: 900 }),
        "wildcard-action-covers-assume-role": fail(R, "Statement[1]", (p) => {
            p.assumeRolePolicy = doc(
                { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
                { Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "sts:*" },
            );
        }),
        "malformed-json": fail(R, "assumeRolePolicy is not valid JSON", (p) => (p.assumeRolePolicy = "{not json")),
    },
};
