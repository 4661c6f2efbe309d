import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { doc, fail, hardened, pass } from "../lib/resources.fixtures";

const P = "aws:iam/policy:Policy";
const allow = (Action: unknown, Resource: unknown = "*") => ({ Effect: "Allow", Action, Resource });
const of = (type: string, policy: unknown) => ({ resource: { type, name: "p", props: { policy, role: "r", user: "u", group: "g" } } });

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "scoped-actions-and-resources": pass(P),
        "read-only-on-everything": pass(P, (p) => (p.policy = doc(allow(["ec2:Describe*", "eks:List*"])))),
        "deny-everything-is-fine": pass(P, (p) => (p.policy = doc({ Effect: "Deny", Action: "*", Resource: "*" }))),
        "pass-role-to-named-role": pass(P, (p) => (p.policy = doc(allow("iam:PassRole", "arn:aws:iam::123456789012:role/app")))),
        "iam-read-on-everything": pass(P, (p) => (p.policy = doc(allow("iam:Get*")))),
        "admin-action-resource-unknown-at-preview": pass(P, (p) => (p.policy = doc(allow("*", UNKNOWN)))),
        "document-unknown-at-preview": pass(P, (p) => (p.policy = UNKNOWN)),
        "role-inline-scoped": { resource: hardened("aws:iam/role:Role", (p) => (p.inlinePolicies = [{ name: "s3", policy: JSON.stringify(doc(allow("s3:GetObject", "arn:aws:s3:::b/*"))) }])) },
    },
    fail: {
        "star-on-star": fail(P, 'policy.Statement[0] allows Action "*" on every resource', (p) => (p.policy = doc(allow("*")))),
        "star-on-star-as-json-string": fail(P, 'allows Action "*"', (p) => (p.policy = JSON.stringify(doc(allow(["*"]))))),
        "single-statement-not-in-a-list": fail(P, 'Statement[0] allows Action "*:*"', (p) => (p.policy = { Version: "2012-10-17", Statement: allow("*:*") })),
        "not-action-on-star": fail(P, "allows every action except NotAction", (p) => {
            p.policy = doc({ Effect: "Allow", NotAction: ["iam:*"], Resource: "*" });
        }),
        "iam-wildcard": fail(P, 'Statement[1] allows Action "IAM:*"', (p) => (p.policy = doc(allow("s3:GetObject", "arn:aws:s3:::b/*"), allow(["IAM:*"])))),
        "iam-pass-role-everywhere": fail(P, 'allows "iam:PassRole" on every role', (p) => (p.policy = doc(allow(["ec2:RunInstances", "iam:PassRole"])))),
        "pass-role-on-all-roles-of-account": fail(P, "on every role", (p) => (p.policy = doc(allow("iam:passrole", "arn:aws:iam::123456789012:role/*")))),
        "effect-lowercase-and-sid": fail(P, '(Sid "Admin")', (p) => (p.policy = doc({ Sid: "Admin", Effect: "allow", Action: "*", Resource: ["*"] }))),
        "role-policy": { ...of("aws:iam/rolePolicy:RolePolicy", doc(allow("*"))), expect: "policy.Statement[0]" },
        "user-policy": { ...of("aws:iam/userPolicy:UserPolicy", doc(allow("*"))), expect: "policy.Statement[0]" },
        "group-policy": { ...of("aws:iam/groupPolicy:GroupPolicy", JSON.stringify(doc(allow("iam:*")))), expect: "iam:*" },
        "role-inline-policy": {
            resource: hardened("aws:iam/role:Role", (p) => (p.inlinePolicies = [{ name: "admin", policy: JSON.stringify(doc(allow("*"))) }])),
            expect: "inlinePolicies[0].policy.Statement[0]",
        },
        "malformed-json": fail(P, "policy is not valid JSON", (p) => (p.policy = "{")),
        "identity-center-permission-set-inline-policy": {
            resource: {
                type: "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy",
                name: "p",
                props: { instanceArn: "arn:aws:sso:::instance/ssoins-1", permissionSetArn: "arn:aws:sso:::permissionSet/ssoins-1/ps-1", inlinePolicy: JSON.stringify(doc(allow("*"))) },
            },
            expect: 'inlinePolicy.Statement[0] allows Action "*"',
        },
    },
};
