/**
 * Privilege escalation through IAM: actions that let a principal grant itself (or a principal it
 * controls) more than it was given. On broad resources each is administrator access in disguise,
 * whatever else the document withholds. The list follows the published escalation paths (Rhino
 * Security Labs' IAM privilege-escalation research, and the AWS IAM documentation on `iam:PassRole`).
 */
import { type ParsedDocument, type Statement, coversAllActions, coversAllResources, coversService, grantsAction, resourcesUnbounded } from "./iam";
import { Unknown, hasUnknown, isUnknown } from "./values";

/** Actions that escalate on their own when their resource is broad, with what each yields. */
const DIRECT: Readonly<Record<string, string>> = {
    "iam:CreatePolicyVersion": "rewrites a managed policy it is attached to",
    "iam:SetDefaultPolicyVersion": "switches a managed policy to a broader version",
    "iam:AttachUserPolicy": "attaches AdministratorAccess to a user",
    "iam:AttachGroupPolicy": "attaches AdministratorAccess to a group",
    "iam:AttachRolePolicy": "attaches AdministratorAccess to a role",
    "iam:PutUserPolicy": "writes an inline admin policy on a user",
    "iam:PutGroupPolicy": "writes an inline admin policy on a group",
    "iam:PutRolePolicy": "writes an inline admin policy on a role",
    "iam:AddUserToGroup": "joins a more privileged group",
    "iam:CreateAccessKey": "mints access keys for another user",
    "iam:CreateLoginProfile": "sets a console password for another user",
    "iam:UpdateLoginProfile": "resets another user's console password",
    "iam:UpdateAssumeRolePolicy": "lets itself assume any role",
    "iam:DeleteRolePermissionsBoundary": "lifts a role's permissions boundary",
    "iam:DeleteUserPermissionsBoundary": "lifts a user's permissions boundary",
    "iam:PutRolePermissionsBoundary": "replaces a role's permissions boundary",
    "iam:PutUserPermissionsBoundary": "replaces a user's permissions boundary",
    "sts:AssumeRole": "assumes any role that trusts the account",
    "lambda:UpdateFunctionCode": "runs its own code as any function's role",
    "glue:UpdateDevEndpoint": "logs in to any Glue endpoint as its role",
    "ssm:SendCommand": "runs commands on any managed instance as its role",
    "ssm:StartSession": "opens a shell on any managed instance",
    "ec2-instance-connect:SendSSHPublicKey": "logs in to any instance",
};

/** Actions that start compute under a role passed with iam:PassRole: with PassRole on any role, they run as any role. */
const COMPUTE_WITH_ROLE = [
    "ec2:RunInstances",
    "ec2:RequestSpotInstances",
    "autoscaling:CreateLaunchConfiguration",
    "ec2:CreateLaunchTemplate",
    "lambda:CreateFunction",
    "lambda:UpdateFunctionConfiguration",
    "ecs:RegisterTaskDefinition",
    "ecs:RunTask",
    "ecs:StartTask",
    "ecs:CreateService",
    "glue:CreateDevEndpoint",
    "glue:CreateJob",
    "glue:UpdateJob",
    "cloudformation:CreateStack",
    "cloudformation:UpdateStack",
    "cloudformation:CreateStackSet",
    "datapipeline:CreatePipeline",
    "sagemaker:CreateNotebookInstance",
    "sagemaker:CreateTrainingJob",
    "sagemaker:CreateProcessingJob",
    "codebuild:CreateProject",
    "codebuild:UpdateProject",
    "eks:CreateNodegroup",
    "batch:SubmitJob",
    "states:CreateStateMachine",
    "apprunner:CreateService",
];

/** Actions a permissions boundary constrains: with an `iam:PermissionsBoundary` condition they cannot exceed it. */
const BOUNDED_BY_BOUNDARY = ["iam:AttachUserPolicy", "iam:AttachRolePolicy", "iam:PutUserPolicy", "iam:PutRolePolicy", "iam:PutRolePermissionsBoundary", "iam:PutUserPermissionsBoundary"];

/** AWS-managed policies that are administrator access themselves. */
const ADMIN_POLICIES = /:policy\/(AdministratorAccess|IAMFullAccess|PowerUserAccess)$/i;

/**
 * A resource pattern that reaches every resource of its kind in an account (or in every account):
 * `*`, an ARN wildcarded in its resource part (`arn:aws:iam::123456789012:*`), or one whose resource
 * is a whole kind (`arn:aws:iam::123456789012:role/*`, `arn:aws:lambda:*:*:function:*`).
 */
export function accountWide(pattern: string): boolean {
    if (coversAllResources(pattern)) return true;
    const parts = pattern.split(":");
    if (parts.length < 6 || parts[0].toLowerCase() !== "arn") return false;
    const resource = parts.slice(5).join(":");
    // An S3 ARN's resource is a bucket and key, not a kind and name: "bucket/*" is one bucket.
    if (parts[2].toLowerCase() === "s3") return resource === "*";
    return /^(\*|[A-Za-z0-9_-]+[/:]\*)$/.test(resource);
}

/** Whether the statement's resources reach a whole kind: a broad pattern or any NotResource (Unknown while that depends on an unknown). */
function broad(s: Statement): boolean | Unknown {
    if (s.resource !== undefined) {
        if (isUnknown(s.resource)) return s.resource;
        if (s.resource.some((r) => typeof r === "string" && accountWide(r))) return true;
        return s.resource.some(isUnknown) ? Unknown : false;
    }
    return s.notResource !== undefined;
}

/** Whether an unconditional Deny in the document takes `action` away on every resource. */
function deniedEverywhere(statements: readonly Statement[], action: string): boolean {
    return statements.some((d) => d.effect === "Deny" && d.condition === undefined && grantsAction(d, action) === true && resourcesUnbounded(d) === true);
}

function conditionValues(s: Statement, key: string): unknown[] | undefined {
    if (!s.condition || isUnknown(s.condition)) return undefined;
    const out: unknown[] = [];
    let found = false;
    for (const [op, block] of Object.entries(s.condition)) {
        if (!block || typeof block !== "object" || isUnknown(block)) continue;
        // Negated operators and IfExists do not bound anything: only a positive match restricts the grant.
        if (/not|ifexists/i.test(op)) continue;
        for (const [k, v] of Object.entries(block)) {
            if (k.toLowerCase() !== key.toLowerCase()) continue;
            found = true;
            out.push(...(Array.isArray(v) ? v : [v]));
        }
    }
    return found ? out : undefined;
}

/** A positive match on the resource's tags (`aws:ResourceTag/...`, `ssm:resourceTag/...`): the grant reaches tagged resources only. */
function resourceTagged(s: Statement): boolean {
    if (!s.condition || isUnknown(s.condition)) return false;
    return Object.entries(s.condition).some(
        ([op, block]) =>
            !/not|ifexists/i.test(op) &&
            !!block &&
            typeof block === "object" &&
            !isUnknown(block) &&
            Object.entries(block).some(([k, v]) => /^[a-z0-9-]+:resourcetag\//i.test(k) && !isUnknown(v) && v !== "*"),
    );
}

/** Whether a condition keeps `action` from escalating: a pinned permissions boundary, or named non-admin policies to attach. */
function boundedByCondition(s: Statement, action: string): boolean {
    if (resourceTagged(s)) return true;
    const boundary = conditionValues(s, "iam:PermissionsBoundary");
    if (BOUNDED_BY_BOUNDARY.includes(action) && boundary?.length && boundary.every((v) => typeof v === "string" && !v.includes("*"))) return true;
    const policies = conditionValues(s, "iam:PolicyARN");
    return (
        /^iam:Attach(User|Group|Role)Policy$/.test(action) &&
        !!policies?.length &&
        policies.every((v) => typeof v === "string" && !v.includes("*") && !ADMIN_POLICIES.test(v))
    );
}

/** Every action, all of IAM, or NotAction on every resource: iam-least-privilege reports these as such, so they are not repeated here. */
function grantsEverything(s: Statement): boolean {
    if (resourcesUnbounded(s) !== true) return false;
    if (s.notAction !== undefined) return true;
    const actions = Array.isArray(s.action) ? s.action.filter((a): a is string => typeof a === "string") : [];
    return actions.some((a) => coversAllActions(a) || coversService(a, "iam"));
}

export interface Escalation {
    readonly statement: number;
    readonly problem: string;
}

const where = (s: Statement) => `Statement[${s.index}]${s.sid ? ` (Sid "${s.sid}")` : ""}`;

/** The escalation paths a permissions document opens on broad resources. Only what is known is judged. */
export function escalations(doc: ParsedDocument): Escalation[] {
    if (doc.kind !== "document") return [];
    // A statement that may be a Deny, with a part not known until the update, may take any grant away: the update decides.
    if (doc.statements.some((d) => d.effect !== "Allow" && hasUnknown(d))) return [];
    const found: Escalation[] = [];
    const allows = doc.statements.filter((s) => s.effect === "Allow");
    for (const s of allows) {
        // A condition not known until the update may be what bounds the grant: the update decides.
        if (broad(s) !== true || grantsEverything(s) || hasUnknown(s.condition)) continue;
        const actions = Object.keys(DIRECT).filter((a) => grantsAction(s, a) === true && !boundedByCondition(s, a) && !deniedEverywhere(doc.statements, a));
        if (actions.length === 0) continue;
        const list = actions.map((a) => `${a} (${DIRECT[a]})`).join(", ");
        const boundary = actions.some((a) => BOUNDED_BY_BOUNDARY.includes(a)) ? " (for the policy writes, or pin a permissions boundary with an iam:PermissionsBoundary condition)" : "";
        found.push({
            statement: s.index,
            problem: `${where(s)} allows ${list} on every resource of its kind, which is administrator access in disguise: name the exact ARNs${boundary}`,
        });
    }
    // iam:PassRole on any role plus an action that starts compute under a role: run code as the most privileged role.
    const passing = allows.find((s) => {
        if (grantsAction(s, "iam:PassRole") !== true || grantsEverything(s) || hasUnknown(s.condition) || resourceTagged(s) || deniedEverywhere(doc.statements, "iam:PassRole")) return false;
        return broad(s) === true;
    });
    if (passing) {
        const starts = allows.flatMap((s) => COMPUTE_WITH_ROLE.filter((a) => grantsAction(s, a) === true).map((a) => ({ s, a })));
        if (starts.length > 0) {
            const named = [...new Set(starts.map((x) => x.a))].slice(0, 4).join(", ");
            const more = new Set(starts.map((x) => x.a)).size > 4 ? ", ..." : "";
            found.push({
                statement: passing.index,
                problem:
                    `${where(passing)} allows iam:PassRole on every role, and Statement[${starts[0].s.index}] allows ${named}${more}: together ` +
                    "they start compute as any role in the account, administrator included; name the role ARNs it may pass and add an " +
                    "iam:PassedToService condition",
            });
        }
    }
    return found;
}
