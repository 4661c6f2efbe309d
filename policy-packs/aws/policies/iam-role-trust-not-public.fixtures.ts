import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { ACCOUNT, doc, fail, pass } from "../lib/resources.fixtures";

const R = "aws:iam/role:Role";
const MFA = { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } };
const assume = (Principal: unknown, Condition?: unknown, Action = "sts:AssumeRole") => ({ Effect: "Allow", Principal, Action, ...(Condition ? { Condition } : {}) });
const trust = (...statements: Record<string, unknown>[]) => (p: Record<string, any>) => (p.assumeRolePolicy = doc(...statements));
const GITHUB = "token.actions.githubusercontent.com";
const GITHUB_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${GITHUB}`;
const EKS = "oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789";
const EKS_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${EKS}`;
const web = (Federated: unknown, Condition?: unknown) => assume({ Federated }, Condition, "sts:AssumeRoleWithWebIdentity");

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "own-account-with-mfa": pass(R),
        "any-account-in-the-organisation-with-mfa": pass(R, trust(assume("*", { ...MFA, StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }))),
        "any-principal-of-one-account": pass(R, trust(assume({ AWS: "*" }, { ...MFA, StringEquals: { "aws:PrincipalAccount": ACCOUNT } }))),
        "third-party-account-with-external-id": pass(R, trust(assume({ AWS: "arn:aws:iam::210987654321:root" }, { StringEquals: { "sts:ExternalId": "a1b2c3" } }))),
        "service-principal": pass(R, trust(assume({ Service: "ec2.amazonaws.com" }))),
        "github-one-repository-branch": pass(R, trust(web(GITHUB_ARN, { StringEquals: { [`${GITHUB}:sub`]: "repo:acme/platform:ref:refs/heads/main", [`${GITHUB}:aud`]: "sts.amazonaws.com" } }))),
        "github-repositories-of-one-organisation": pass(R, trust(web(GITHUB_ARN, { StringLike: { [`${GITHUB}:sub`]: "repo:acme/*" } }))),
        "eks-one-service-account": pass(R, trust(web(EKS_ARN, { StringEquals: { [`${EKS}:sub`]: "system:serviceaccount:kube-system:ebs-csi-controller-sa" } }))),
        "cognito-one-identity-pool": pass(R, trust(web("cognito-identity.amazonaws.com", { StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:1234-abcd" } }))),
        "saml-provider-of-the-account": pass(R, trust(assume({ Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/okta` }, { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } }, "sts:AssumeRoleWithSAML"))),
        "federated-principal-unknown-at-preview": pass(R, trust(web(UNKNOWN))),
        "condition-unknown-at-preview": pass(R, trust(assume("*", UNKNOWN))),
        "trust-policy-unknown-at-preview": pass(R, (p) => (p.assumeRolePolicy = UNKNOWN)),
    },
    fail: {
        "anyone-even-with-mfa": fail(
            R,
            'assumeRolePolicy.Statement[0] lets any AWS account (Principal "*") assume the role (its aws:MultiFactorAuthPresent, aws:MultiFactorAuthAge condition does not help: MFA proves who signed in',
            trust(assume("*", MFA)),
        ),
        "aws-star-with-external-id-only": fail(R, "sts:ExternalId guards a named third-party account", trust(assume({ AWS: "*" }, { StringEquals: { "sts:ExternalId": "a1b2c3" } }))),
        "org-condition-if-exists": fail(R, "lets any AWS account", trust(assume({ AWS: ["*"] }, { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }))),
        "not-principal": fail(R, "lets everyone but its NotPrincipal assume the role", trust({ Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" })),
        "github-without-subject": fail(
            R,
            `lets every identity that "${GITHUB}" signs a token for assume the role: add a StringEquals (or StringLike) condition on "${GITHUB}:sub"`,
            trust(web(GITHUB_ARN, { StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com" } })),
        ),
        "github-any-repository": fail(R, `"${GITHUB}:sub"`, trust(web(GITHUB_ARN, { StringLike: { [`${GITHUB}:sub`]: "repo:*" } }))),
        "eks-any-service-account": fail(R, `"${EKS}:sub"`, trust(web(EKS_ARN, { StringLike: { [`${EKS}:sub`]: "system:serviceaccount:*" } }))),
        "cognito-without-audience": fail(R, '"cognito-identity.amazonaws.com:aud"', trust(web("cognito-identity.amazonaws.com", { "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } }))),
        "malformed-json": fail(R, "assumeRolePolicy is not valid JSON", (p) => (p.assumeRolePolicy = "{")),
    },
};
