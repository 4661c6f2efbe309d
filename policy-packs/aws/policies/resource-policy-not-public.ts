import { resourcePolicy } from "../../common/policy";
import { parsePolicyDocument } from "../lib/iam";
import { describeActions, misleadingConditions, publicAllow } from "../lib/public";
import { type Unknown, isUnknown, plain } from "../lib/values";

/** Resources that carry a resource-based policy, by type token, with the input that holds it. */
const CARRIERS: Readonly<Record<string, string>> = {
    "aws:ecr/repositoryPolicy:RepositoryPolicy": "policy",
    "aws:ecr/registryPolicy:RegistryPolicy": "policy",
    "aws:s3/bucketPolicy:BucketPolicy": "policy",
    "aws:s3/bucket:Bucket": "policy",
    "aws:s3/bucketV2:BucketV2": "policy",
    "aws:kms/key:Key": "policy",
    "aws:kms/keyPolicy:KeyPolicy": "policy",
    "aws:kms/externalKey:ExternalKey": "policy",
    "aws:kms/replicaKey:ReplicaKey": "policy",
    "aws:kms/replicaExternalKey:ReplicaExternalKey": "policy",
    "aws:sns/topicPolicy:TopicPolicy": "policy",
    "aws:sns/topic:Topic": "policy",
    "aws:sqs/queuePolicy:QueuePolicy": "policy",
    "aws:sqs/queue:Queue": "policy",
    "aws:secretsmanager/secretPolicy:SecretPolicy": "policy",
    "aws:secretsmanager/secret:Secret": "policy",
    "aws:opensearch/domain:Domain": "accessPolicies",
    "aws:elasticsearch/domain:Domain": "accessPolicies",
};

const SEARCH_DOMAINS = ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"];

/** Whether a search domain sits in a VPC, where its security groups, not its policy, keep the internet out. */
function inVpc(vpcOptions: unknown): boolean | Unknown {
    if (isUnknown(vpcOptions)) return vpcOptions;
    const subnets = (vpcOptions as { subnetIds?: unknown } | undefined)?.subnetIds;
    if (isUnknown(subnets)) return subnets;
    return Array.isArray(subnets) && subnets.length > 0;
}

/** A Lambda permission for `*`: anyone may invoke the function unless an account, organisation or source ARN pins the caller. */
function lambdaPermission(p: Record<string, any>): string | undefined {
    if (isUnknown(p.principal) || p.principal !== "*") return undefined;
    const pins = [p.sourceAccount, p.principalOrgId, p.sourceArn];
    if (pins.some((v) => isUnknown(v) || (typeof v === "string" && v !== ""))) return undefined;
    const url = p.functionUrlAuthType === "NONE" ? ' through a function URL with functionUrlAuthType "NONE" (use "AWS_IAM")' : "";
    return `principal "*" lets any AWS account (or anyone${url}) invoke the function: set sourceAccount, principalOrgId or sourceArn, or name the account as principal`;
}

export default resourcePolicy({
    name: "resource-policy-not-public",
    types: ["aws:*"],
    description:
        "Resource policies (ECR, S3, KMS, SNS, SQS, Secrets Manager, OpenSearch, Lambda permissions) must not let any AWS account in without an account, organisation or network condition.",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["5.1.2"], nist800190: ["4.2.3", "4.3.2"], nsaCisa: ["5"] },
    remediation:
        'Name the accounts or roles that need access as principals instead of `"*"`, or keep `"*"` and add a condition that ' +
        'pins the caller: `{"StringEquals": {"aws:PrincipalOrgID": "o-..."}}`, `aws:PrincipalAccount`, `aws:SourceAccount` ' +
        "(for AWS services), `kms:CallerAccount`, or `aws:SourceVpce` for access through your VPC endpoint. A Deny of every " +
        'principal with `StringNotEquals` on one of those keys works too. MFA and `sts:ExternalId` conditions do not say which account is calling.',
    validate: ({ type, props }, report) => {
        const p = plain(props) ?? {};
        if (type === "aws:lambda/permission:Permission") {
            const problem = lambdaPermission(p);
            if (problem) report(problem);
            return;
        }
        const input = CARRIERS[type];
        if (input === undefined) return;
        if (SEARCH_DOMAINS.includes(type) && inVpc(p.vpcOptions) !== false) return;
        const raw = p[input];
        if (raw === undefined || raw === null || raw === "") return;
        const doc = parsePolicyDocument(raw);
        if (doc.kind === "invalid") {
            report(`${input} is ${doc.reason}: fix the policy document`);
            return;
        }
        if (doc.kind !== "document") return;
        for (const s of doc.statements) {
            if (publicAllow(s, doc.statements) !== true) continue;
            const who = s.notPrincipal !== undefined ? "everyone but its NotPrincipal" : 'any AWS account (Principal "*")';
            const misleading = misleadingConditions(s);
            const note = misleading.length ? ` (its ${misleading.join(", ")} condition does not say which account is calling)` : "";
            report(
                `${input}.Statement[${s.index}]${s.sid ? ` (Sid "${s.sid}")` : ""} lets ${who} perform ${describeActions(s)}${note}: name the ` +
                    'accounts as principals, or add a condition such as {"StringEquals": {"aws:PrincipalOrgID": "o-..."}} or ' +
                    '{"StringEquals": {"aws:PrincipalAccount": "<account id>"}}',
            );
        }
    },
});
