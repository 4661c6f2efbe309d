import { resourcePolicy } from "../../common/policy";
import { isUnknown, listOf, plain } from "../lib/values";

interface Config {
    readonly forbiddenManagedPolicies: readonly string[];
}

const SINGLE_ARN_TYPES = [
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    "aws:iam/policyAttachment:PolicyAttachment",
];

const EXCLUSIVE_TYPES = [
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
];

/** The AWS-managed policy an ARN names (its path and name after `policy/`), in any partition. */
function awsManagedName(arn: string): string | undefined {
    return /^arn:[^:]+:iam::aws:policy\/(.+)$/.exec(arn.trim())?.[1];
}

export default resourcePolicy<Config>({
    name: "iam-no-admin-managed-policies",
    types: ["aws:*"],
    description: "AWS-managed administrator policies (AdministratorAccess, IAMFullAccess, PowerUserAccess, ...) must not be attached to IAM principals or Identity Center permission sets.",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.3.1"], nsaCisa: ["2", "5"] },
    remediation:
        "Attach a customer-managed policy that grants the actions and resources needed instead. Break-glass administration " +
        "belongs to an MFA-gated role outside application stacks, or to a justified exemption with an expiry date.",
    config: {
        forbiddenManagedPolicies: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: [
                "AdministratorAccess",
                "AdministratorAccess-Amplify",
                "AdministratorAccess-AWSElasticBeanstalk",
                "IAMFullAccess",
                "PowerUserAccess",
                "AWSOrganizationsFullAccess",
                "job-function/SystemAdministrator",
                "job-function/NetworkAdministrator",
            ],
            description: "AWS-managed policy names (path after policy/) that may not be attached.",
        },
    },
    validate: ({ type, props, config }, report) => {
        const check = (path: string, arn: unknown) => {
            if (typeof arn !== "string") return;
            const name = awsManagedName(arn);
            if (name !== undefined && config.forbiddenManagedPolicies.some((f) => f.toLowerCase() === name.toLowerCase())) {
                report(`${path} attaches "${arn}", an administrator policy: attach a least-privilege customer-managed policy instead`);
            }
        };
        if (SINGLE_ARN_TYPES.includes(type)) check("policyArn", plain(props).policyArn);
        // IAM Identity Center: the permission set becomes a role with this policy in every account it is assigned to.
        if (type === "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment") check("managedPolicyArn", plain(props).managedPolicyArn);
        const lists = type === "aws:iam/role:Role" ? "managedPolicyArns" : EXCLUSIVE_TYPES.includes(type) ? "policyArns" : undefined;
        if (lists) {
            const arns = listOf(plain(props)[lists]);
            if (!isUnknown(arns)) arns.forEach((a, i) => check(`${lists}[${i}]`, a));
        }
    },
});
