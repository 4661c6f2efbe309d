import { resourcePolicy } from "../../common/policy";
import { parsePolicyDocument } from "../lib/iam";
import { describeActions, misleadingConditions, publicAllow } from "../lib/public";
import { plain } from "../lib/values";

/** Resources that carry a resource-based policy in their `policy` input, by type token. */
const CARRIERS = [
    "aws:ecr/repositoryPolicy:RepositoryPolicy",
    "aws:ecr/registryPolicy:RegistryPolicy",
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:kms/key:Key",
    "aws:kms/keyPolicy:KeyPolicy",
    "aws:kms/externalKey:ExternalKey",
    "aws:kms/replicaKey:ReplicaKey",
    "aws:kms/replicaExternalKey:ReplicaExternalKey",
    "aws:sns/topicPolicy:TopicPolicy",
    "aws:sns/topic:Topic",
    "aws:sqs/queuePolicy:QueuePolicy",
    "aws:sqs/queue:Queue",
    "aws:secretsmanager/secretPolicy:SecretPolicy",
    "aws:secretsmanager/secret:Secret",
];

export default resourcePolicy({
    name: "resource-policy-not-public",
    description: "Resource policies (ECR, S3, KMS, SNS, SQS, Secrets Manager) must not let any AWS account in without an account, organisation or network condition.",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["5.1.2"], nist800190: ["4.2.3", "4.3.2"], nsaCisa: ["5"] },
    remediation:
        'Name the accounts or roles that need access as principals instead of `"*"`, or keep `"*"` and add a condition that ' +
        'pins the caller: `{"StringEquals": {"aws:PrincipalOrgID": "o-..."}}`, `aws:PrincipalAccount`, `aws:SourceAccount` ' +
        "(for AWS services), `kms:CallerAccount`, or `aws:SourceVpce` for access through your VPC endpoint. A Deny of every " +
        'principal with `StringNotEquals` on one of those keys works too. MFA and `sts:ExternalId` conditions do not say which account is calling.',
    validate: ({ type, props }, report) => {
        if (!CARRIERS.includes(type)) return;
        const raw = plain(props).policy;
        if (raw === undefined || raw === null || raw === "") return;
        const doc = parsePolicyDocument(raw);
        if (doc.kind === "invalid") {
            report(`policy is ${doc.reason}: fix the policy document`);
            return;
        }
        if (doc.kind !== "document") return;
        for (const s of doc.statements) {
            if (publicAllow(s, doc.statements) !== true) continue;
            const who = s.notPrincipal !== undefined ? "everyone but its NotPrincipal" : 'any AWS account (Principal "*")';
            const misleading = misleadingConditions(s);
            const note = misleading.length ? ` (its ${misleading.join(", ")} condition does not say which account is calling)` : "";
            report(
                `policy.Statement[${s.index}]${s.sid ? ` (Sid "${s.sid}")` : ""} lets ${who} perform ${describeActions(s)}${note}: name the ` +
                    'accounts as principals, or add a condition such as {"StringEquals": {"aws:PrincipalOrgID": "o-..."}} or ' +
                    '{"StringEquals": {"aws:PrincipalAccount": "<account id>"}}',
            );
        }
    },
});
