import type { PolicyFixtures, ResourceFixture, StackCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { ACCOUNT, CLUSTER_ADMIN, doc, hardened, urnOf } from "../lib/resources.fixtures";

const ROLE = "aws:iam/role:Role";
const ASSOC = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation";

const mfaRole = hardened(ROLE, undefined, "admin");
const noMfaRole = hardened(ROLE, (p) => (p.assumeRolePolicy = doc({ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "sts:AssumeRole" })), "admin");
const denyGatedRole = (bool: "Bool" | "BoolIfExists") =>
    hardened(
        ROLE,
        (p) =>
            (p.assumeRolePolicy = doc(
                { Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "sts:AssumeRole" },
                { Effect: "Deny", Principal: { AWS: ACCOUNT }, Action: "sts:AssumeRole", Condition: { [bool]: { "aws:MultiFactorAuthPresent": "false" } } },
                { Effect: "Deny", Principal: { AWS: ACCOUNT }, Action: "sts:AssumeRole", Condition: { NumericGreaterThan: { "aws:MultiFactorAuthAge": "3600" } } },
            )),
        "admin",
    );
const ciRole = hardened(
    ROLE,
    (p) => (p.assumeRolePolicy = doc({ Effect: "Allow", Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }, Action: "sts:AssumeRoleWithWebIdentity" })),
    "admin",
);

/** An association whose principalArn is the (unknown at preview) ARN of the named role. */
function grantTo(roleName: string | undefined, policyArn = CLUSTER_ADMIN, principalArn: unknown = UNKNOWN): ResourceFixture {
    return {
        type: ASSOC,
        name: "admin-access",
        props: { clusterName: "prod", policyArn, principalArn, accessScope: { type: "cluster" } },
        ...(roleName ? { propertyDependencies: { principalArn: [urnOf(ROLE, roleName)] } } : {}),
    };
}

export const fixtures: PolicyFixtures<StackCase> = {
    pass: {
        "admin-to-mfa-role-via-dependency": { resources: [mfaRole, grantTo("admin")] },
        "admin-to-mfa-role-by-known-arn": {
            resources: [mfaRole, grantTo(undefined, CLUSTER_ADMIN, `arn:aws:iam::${ACCOUNT}:role/platform-admin`)],
        },
        "view-policy-needs-no-mfa-role": {
            resources: [noMfaRole, grantTo("admin", "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy")],
        },
        "admin-to-role-gated-by-deny-if-exists": { resources: [denyGatedRole("BoolIfExists"), grantTo("admin")] },
        "untraceable-principal-is-only-advisory": { resources: [grantTo(undefined)] },
    },
    fail: {
        "admin-to-role-without-mfa": {
            resources: [noMfaRole, grantTo("admin")],
            expect: 'principalArn is role "admin", whose assumeRolePolicy does not require MFA',
        },
        "admin-to-role-whose-deny-uses-plain-bool": {
            resources: [denyGatedRole("Bool"), grantTo("admin")],
            expect: "does not require MFA in every statement",
        },
        "admin-to-ci-role": { resources: [ciRole, grantTo("admin")], expect: "does not require MFA in every statement" },
        "admin-policy-to-role-without-mfa": {
            resources: [noMfaRole, grantTo("admin", "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy")],
            expect: "grants AmazonEKSAdminPolicy",
        },
        "admin-to-role-outside-the-stack": {
            resources: [grantTo(undefined, CLUSTER_ADMIN, `arn:aws:iam::${ACCOUNT}:role/someone-else`)],
            expect: 'principalArn "arn:aws:iam::123456789012:role/someone-else"',
        },
        "admin-to-user": {
            resources: [
                { type: "aws:iam/user:User", name: "alice", props: { name: "alice" } },
                { ...grantTo(undefined), propertyDependencies: { principalArn: [urnOf("aws:iam/user:User", "alice")] } },
            ],
            expect: "principalArn is an IAM user",
        },
    },
};
