import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { hardened } from "../lib/resources.fixtures";

const attach = (type: string, props: Record<string, unknown>): ResourceCase => ({ resource: { type, name: "attach", props } });
const RPA = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const SSO = "arn:aws:sso:::instance/ssoins-1";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "scoped-aws-managed-policy": attach(RPA, { role: "nodes", policyArn: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy" }),
        "customer-managed-policy-named-like-admin": attach(RPA, { role: "r", policyArn: "arn:aws:iam::123456789012:policy/AdministratorAccess" }),
        "policy-arn-unknown-at-preview": attach(RPA, { role: "r", policyArn: UNKNOWN }),
        "role-with-scoped-managed-policies": {
            resource: hardened("aws:iam/role:Role", (p) => (p.managedPolicyArns = ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"])),
        },
        "identity-center-permission-set-read-only": attach("aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", {
            instanceArn: SSO,
            permissionSetArn: `${SSO}/ps-1`,
            managedPolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
        }),
        "power-user-allowed-by-config": {
            ...attach(RPA, { role: "r", policyArn: "arn:aws:iam::aws:policy/PowerUserAccess" }),
            config: { forbiddenManagedPolicies: ["AdministratorAccess"] },
        },
    },
    fail: {
        "role-administrator-access": { ...attach(RPA, { role: "r", policyArn: ADMIN }), expect: `policyArn attaches "${ADMIN}"` },
        "user-iam-full-access": {
            ...attach("aws:iam/userPolicyAttachment:UserPolicyAttachment", { user: "u", policyArn: "arn:aws:iam::aws:policy/IAMFullAccess" }),
            expect: "IAMFullAccess",
        },
        "group-power-user": {
            ...attach("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", { group: "g", policyArn: "arn:aws:iam::aws:policy/PowerUserAccess" }),
            expect: "PowerUserAccess",
        },
        "policy-attachment-gov-cloud": {
            ...attach("aws:iam/policyAttachment:PolicyAttachment", { roles: ["r"], policyArn: "arn:aws-us-gov:iam::aws:policy/AdministratorAccess" }),
            expect: "administrator policy",
        },
        "role-managed-policy-arns": {
            resource: hardened("aws:iam/role:Role", (p) => (p.managedPolicyArns = ["arn:aws:iam::aws:policy/ReadOnlyAccess", ADMIN])),
            expect: "managedPolicyArns[1]",
        },
        "exclusive-attachments": {
            ...attach("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", { roleName: "r", policyArns: [ADMIN] }),
            expect: "policyArns[0]",
        },
        "identity-center-permission-set-administrator-access": {
            ...attach("aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", { instanceArn: SSO, permissionSetArn: `${SSO}/ps-1`, managedPolicyArn: ADMIN }),
            expect: `managedPolicyArn attaches "${ADMIN}"`,
        },
        "job-function-system-administrator": {
            ...attach(RPA, { role: "r", policyArn: "arn:aws:iam::aws:policy/job-function/SystemAdministrator" }),
            expect: "job-function/SystemAdministrator",
        },
    },
};
