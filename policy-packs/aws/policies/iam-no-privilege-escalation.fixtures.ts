import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { ACCOUNT, doc, fail, hardened, pass } from "../lib/resources.fixtures";

const P = "aws:iam/policy:Policy";
const allow = (Action: unknown, Resource: unknown = "*", Condition?: unknown) => ({ Effect: "Allow", Action, Resource, ...(Condition ? { Condition } : {}) });
const with_ = (...statements: Record<string, unknown>[]) => (p: Record<string, any>) => (p.policy = doc(...statements));
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/platform-boundary`;

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "scoped-actions-and-resources": pass(P),
        "attach-role-policy-on-one-named-role": pass(P, with_(allow("iam:AttachRolePolicy", `arn:aws:iam::${ACCOUNT}:role/app`))),
        "put-role-policy-with-pinned-permissions-boundary": pass(
            P,
            with_(allow(["iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy"], `arn:aws:iam::${ACCOUNT}:role/*`, { StringEquals: { "iam:PermissionsBoundary": BOUNDARY } })),
        ),
        "attach-only-named-non-admin-policies": pass(
            P,
            with_(allow("iam:AttachRolePolicy", "*", { ArnEquals: { "iam:PolicyARN": ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] } })),
        ),
        "own-access-keys-only": pass(P, with_(allow(["iam:CreateAccessKey", "iam:UpdateLoginProfile"], `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`))),
        "assume-one-named-role": pass(P, with_(allow("sts:AssumeRole", `arn:aws:iam::${ACCOUNT}:role/deployer`))),
        "pass-named-role-with-run-instances": pass(P, with_(allow("ec2:RunInstances"), allow("iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/app-instance`))),
        "pass-any-role-without-compute": pass(P, with_(allow(["s3:GetObject"], "arn:aws:s3:::b/*"), allow("iam:PassRole"))),
        "pass-roles-tagged-for-the-team-with-run-instances": pass(
            P,
            with_(allow("ec2:RunInstances"), allow("iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/*`, { StringEquals: { "iam:ResourceTag/team": "payments" } })),
        ),
        "ssm-commands-on-tagged-instances": pass(P, with_(allow("ssm:SendCommand", "*", { StringEquals: { "ssm:resourceTag/team": "platform" } }))),
        "read-only-iam": pass(P, with_(allow(["iam:Get*", "iam:List*"]))),
        "deny-escalation-everywhere": pass(P, with_({ Effect: "Deny", Action: ["iam:Put*", "iam:Attach*"], Resource: "*" })),
        "allow-taken-back-by-an-unconditional-deny": pass(P, with_(allow(["iam:AttachRolePolicy", "iam:PassRole", "ec2:RunInstances"]), { Effect: "Deny", Action: ["iam:Attach*", "iam:PassRole"], Resource: "*" })),
        "resource-unknown-at-preview": pass(P, with_(allow("iam:AttachRolePolicy", UNKNOWN))),
        "document-unknown-at-preview": pass(P, (p) => (p.policy = UNKNOWN)),
        "every-action-is-reported-by-iam-least-privilege": pass(P, with_(allow("*"))),
    },
    fail: {
        "attach-role-policy-on-every-role": fail(
            P,
            'policy.Statement[0] allows iam:AttachRolePolicy (attaches AdministratorAccess to a role) on every resource of its kind, which is administrator access in disguise',
            with_(allow("iam:AttachRolePolicy", `arn:aws:iam::${ACCOUNT}:role/*`)),
        ),
        "put-wildcard-matches-put-user-policy": fail(P, "iam:PutUserPolicy", with_(allow("iam:Put*Policy"))),
        "create-policy-version-everywhere": fail(P, "iam:CreatePolicyVersion", with_(allow(["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"], `arn:aws:iam::${ACCOUNT}:policy/*`))),
        "access-keys-for-every-user": fail(P, "iam:CreateAccessKey (mints access keys for another user)", with_(allow("iam:CreateAccessKey", `arn:aws:iam::${ACCOUNT}:user/*`))),
        "login-profiles-everywhere": fail(P, "iam:UpdateLoginProfile", with_(allow(["iam:CreateLoginProfile", "iam:UpdateLoginProfile"]))),
        "update-trust-policies": fail(P, "iam:UpdateAssumeRolePolicy", with_(allow("iam:UpdateAssumeRolePolicy"))),
        "add-self-to-any-group": fail(P, "iam:AddUserToGroup", with_(allow("iam:AddUserToGroup", `arn:aws:iam::${ACCOUNT}:group/*`))),
        "assume-any-role": fail(P, "sts:AssumeRole (assumes any role", with_(allow("sts:AssumeRole", "arn:aws:iam::*:role/*"))),
        "deny-with-a-condition-does-not-take-it-back": fail(
            P,
            "iam:AttachRolePolicy",
            with_(allow("iam:AttachRolePolicy"), { Effect: "Deny", Action: "iam:AttachRolePolicy", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } }),
        ),
        "boundary-condition-with-wildcard-does-not-bound": fail(
            P,
            "iam:PutRolePolicy",
            with_(allow("iam:PutRolePolicy", "*", { StringLike: { "iam:PermissionsBoundary": "*" } })),
        ),
        "attach-condition-allows-administrator-access": fail(
            P,
            "iam:AttachUserPolicy",
            with_(allow("iam:AttachUserPolicy", "*", { ArnEquals: { "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess" } })),
        ),
        "not-resource-is-broad": fail(P, "iam:AttachGroupPolicy", with_({ Effect: "Allow", Action: "iam:AttachGroupPolicy", NotResource: `arn:aws:iam::${ACCOUNT}:group/admins` })),
        "iam-star-on-every-role-of-the-account": fail(P, "iam:PutRolePolicy", with_(allow("iam:*", `arn:aws:iam::${ACCOUNT}:role/*`))),
        "not-action-on-every-user-of-the-account": fail(
            P,
            "iam:CreateAccessKey",
            with_({ Effect: "Allow", NotAction: "iam:DeleteUser", Resource: `arn:aws:iam::${ACCOUNT}:user/*` }),
        ),
        "pass-any-role-and-run-instances": fail(
            P,
            "policy.Statement[1] allows iam:PassRole on every role, and Statement[0] allows ec2:RunInstances: together they start compute as any role",
            with_(allow("ec2:RunInstances"), allow("iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/*`, { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } })),
        ),
        "pass-any-role-and-create-lambda": fail(P, "lambda:CreateFunction", with_(allow(["iam:PassRole", "lambda:Create*", "lambda:InvokeFunction"]))),
        "pass-any-role-and-glue-ecs-cloudformation": fail(P, "ecs:RegisterTaskDefinition", with_(allow(["iam:PassRole", "glue:CreateJob", "ecs:*", "cloudformation:CreateStack"]))),
        "update-any-function-code": fail(P, "lambda:UpdateFunctionCode", with_(allow("lambda:UpdateFunctionCode", `arn:aws:lambda:*:${ACCOUNT}:function:*`))),
        "role-inline-policy": {
            resource: hardened("aws:iam/role:Role", (p) => (p.inlinePolicies = [{ name: "ci", policy: JSON.stringify(doc(allow("iam:PutRolePolicy"))) }])),
            expect: "inlinePolicies[0].policy.Statement[0] allows iam:PutRolePolicy",
        },
        "role-policy": {
            resource: { type: "aws:iam/rolePolicy:RolePolicy", name: "p", props: { role: "r", policy: JSON.stringify(doc(allow("iam:AttachUserPolicy"))) } },
            expect: "iam:AttachUserPolicy",
        },
        "user-policy": { resource: { type: "aws:iam/userPolicy:UserPolicy", name: "p", props: { user: "u", policy: doc(allow("iam:CreateAccessKey")) } }, expect: "iam:CreateAccessKey" },
        "group-policy": { resource: { type: "aws:iam/groupPolicy:GroupPolicy", name: "p", props: { group: "g", policy: doc(allow("iam:AddUserToGroup")) } }, expect: "iam:AddUserToGroup" },
        "identity-center-permission-set-inline-policy": {
            resource: {
                type: "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy",
                name: "p",
                props: { instanceArn: "arn:aws:sso:::instance/ssoins-1", permissionSetArn: "arn:aws:sso:::permissionSet/ssoins-1/ps-1", inlinePolicy: JSON.stringify(doc(allow("iam:AttachRolePolicy"))) },
            },
            expect: "inlinePolicy.Statement[0] allows iam:AttachRolePolicy",
        },
    },
};
