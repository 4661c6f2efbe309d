import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { ACCOUNT, doc } from "../lib/resources.fixtures";

const ORG = { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } };
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const stmt = (Principal: unknown, Action: unknown, Condition?: unknown, Effect = "Allow") => ({ Effect, Principal, Action, Resource: "*", ...(Condition ? { Condition } : {}) });
const of = (type: string, policy: unknown, props: Record<string, unknown> = {}): ResourceCase => ({
    resource: { type, name: "subject", props: { ...props, policy: typeof policy === "string" || policy === UNKNOWN ? policy : JSON.stringify(policy) } },
});
const ECR = "aws:ecr/repositoryPolicy:RepositoryPolicy";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const SQS = "aws:sqs/queuePolicy:QueuePolicy";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "ecr-pull-by-named-account": of(ECR, doc(stmt({ AWS: ROOT }, ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"])), { repository: "app" }),
        "ecr-pull-by-organisation": of(ECR, doc(stmt("*", "ecr:BatchGetImage", ORG)), { repository: "app" }),
        "s3-read-through-own-vpc-endpoint": of(BUCKET_POLICY, doc(stmt("*", "s3:GetObject", { StringEquals: { "aws:SourceVpce": "vpce-0a1b2c3d" } })), { bucket: "b" }),
        "s3-deny-insecure-transport-to-everyone": of(BUCKET_POLICY, doc(stmt("*", "s3:*", { Bool: { "aws:SecureTransport": "false" } }, "Deny")), { bucket: "b" }),
        "s3-public-allow-walled-by-deny-outside-organisation": of(
            BUCKET_POLICY,
            doc(stmt("*", "s3:GetObject"), stmt("*", "s3:*", { StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }, "Deny")),
            { bucket: "b" },
        ),
        "kms-key-for-any-principal-of-own-account-via-service": of(
            "aws:kms/key:Key",
            doc(stmt({ AWS: "*" }, ["kms:Decrypt", "kms:GenerateDataKey*"], { StringEquals: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": "ec2.us-east-1.amazonaws.com" } })),
            { enableKeyRotation: true },
        ),
        "sns-topic-default-policy-pinned-to-owner": of(
            "aws:sns/topic:Topic",
            doc(stmt({ AWS: "*" }, ["SNS:Publish", "SNS:Subscribe"], { StringEquals: { "AWS:SourceOwner": ACCOUNT } })),
        ),
        "sqs-send-from-own-s3-bucket-events": of(
            SQS,
            doc(stmt({ Service: "s3.amazonaws.com" }, "sqs:SendMessage", { ArnLike: { "aws:SourceArn": "arn:aws:s3:::uploads" }, StringEquals: { "aws:SourceAccount": ACCOUNT } })),
            { queueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/q" },
        ),
        "sns-publish-from-one-bucket-event": of(
            "aws:sns/topicPolicy:TopicPolicy",
            doc(stmt({ AWS: "*" }, "SNS:Publish", { ArnLike: { "aws:SourceArn": "arn:aws:s3:::uploads" } })),
            { arn: "arn:aws:sns:us-east-1:123456789012:t" },
        ),
        "principal-account-if-exists-still-pins-the-caller": of(SQS, doc(stmt("*", "sqs:SendMessage", { StringEqualsIfExists: { "aws:PrincipalAccount": ACCOUNT } })), {
            queueUrl: "q",
        }),
        "org-paths-for-any-value": of(
            "aws:secretsmanager/secretPolicy:SecretPolicy",
            doc(stmt("*", "secretsmanager:GetSecretValue", { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*" } })),
            { secretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:s" },
        ),
        "s3-read-from-office-range": of(BUCKET_POLICY, doc(stmt("*", "s3:GetObject", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } })), { bucket: "b" }),
        "policy-unknown-at-preview": of(BUCKET_POLICY, UNKNOWN, { bucket: "b" }),
        "condition-value-unknown-at-preview": of(SQS, doc(stmt("*", "sqs:SendMessage", { StringEquals: { "aws:PrincipalOrgID": UNKNOWN } })), { queueUrl: "q" }),
        "queue-without-policy": { resource: { type: "aws:sqs/queue:Queue", name: "q", props: { name: "q" } } },
        "opensearch-in-vpc-with-open-policy": {
            resource: { type: "aws:opensearch/domain:Domain", name: "search", props: { vpcOptions: { subnetIds: ["subnet-a"] }, accessPolicies: JSON.stringify(doc(stmt("*", "es:ESHttp*"))) } },
        },
        "opensearch-pinned-to-account": {
            resource: { type: "aws:opensearch/domain:Domain", name: "search", props: { accessPolicies: JSON.stringify(doc(stmt({ AWS: ROOT }, "es:ESHttp*"))) } },
        },
        "lambda-permission-for-one-source-bucket": {
            resource: { type: "aws:lambda/permission:Permission", name: "perm", props: { function: "f", action: "lambda:InvokeFunction", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::uploads" } },
        },
        "lambda-permission-any-principal-of-the-organisation": {
            resource: { type: "aws:lambda/permission:Permission", name: "perm", props: { function: "f", action: "lambda:InvokeFunction", principal: "*", principalOrgId: "o-a1b2c3d4e5" } },
        },
    },
    fail: {
        "ecr-pull-by-anyone": {
            ...of(ECR, doc(stmt("*", ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"])), { repository: "app" }),
            expect: 'policy.Statement[0] lets any AWS account (Principal "*") perform ecr:BatchGetImage, ecr:GetDownloadUrlForLayer',
        },
        "s3-bucket-policy-aws-star": { ...of(BUCKET_POLICY, doc(stmt({ AWS: "*" }, "s3:GetObject")), { bucket: "b" }), expect: "s3:GetObject" },
        "s3-bucket-inline-policy": { ...of("aws:s3/bucket:Bucket", doc(stmt("*", "s3:GetObject"))), expect: "policy.Statement[0]" },
        "kms-key-policy-open": { ...of("aws:kms/keyPolicy:KeyPolicy", doc(stmt({ AWS: ["*"] }, "kms:Decrypt")), { keyId: "k" }), expect: "kms:Decrypt" },
        "kms-key-inline-policy-open": { ...of("aws:kms/key:Key", doc(stmt("*", "kms:*")), { enableKeyRotation: true }), expect: "kms:*" },
        "sns-topic-policy-open": { ...of("aws:sns/topicPolicy:TopicPolicy", doc(stmt("*", "sns:Publish")), { arn: "arn:aws:sns:us-east-1:123456789012:t" }), expect: "sns:Publish" },
        "sns-topic-inline-policy-open": { ...of("aws:sns/topic:Topic", doc(stmt("*", "sns:Subscribe"))), expect: "sns:Subscribe" },
        "sqs-queue-inline-policy-open": { ...of("aws:sqs/queue:Queue", doc(stmt("*", "sqs:SendMessage"))), expect: "sqs:SendMessage" },
        "secret-policy-open": {
            ...of("aws:secretsmanager/secretPolicy:SecretPolicy", doc(stmt("*", "secretsmanager:GetSecretValue")), { secretArn: "s" }),
            expect: "secretsmanager:GetSecretValue",
        },
        "mfa-condition-does-not-pin-the-account": {
            ...of(SQS, doc(stmt("*", "sqs:ReceiveMessage", { Bool: { "aws:MultiFactorAuthPresent": "true" } })), { queueUrl: "q" }),
            expect: "its aws:MultiFactorAuthPresent condition does not say which account is calling",
        },
        "source-account-if-exists-lets-direct-callers-in": {
            ...of(SQS, doc(stmt("*", "sqs:SendMessage", { StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } })), { queueUrl: "q" }),
            expect: "sqs:SendMessage",
        },
        "org-condition-with-wildcard-value": { ...of(SQS, doc(stmt("*", "sqs:SendMessage", { StringLike: { "aws:PrincipalOrgID": "*" } })), { queueUrl: "q" }), expect: "sqs:SendMessage" },
        "principal-arn-in-any-account": {
            ...of(SQS, doc(stmt("*", "sqs:SendMessage", { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/ci" } })), { queueUrl: "q" }),
            expect: "sqs:SendMessage",
        },
        "deny-wall-on-fewer-actions": {
            ...of(BUCKET_POLICY, doc(stmt("*", "s3:*"), stmt("*", "s3:GetObject", { StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }, "Deny")), { bucket: "b" }),
            expect: "s3:*",
        },
        "s3-read-from-the-whole-internet-by-ip": {
            ...of(BUCKET_POLICY, doc(stmt("*", "s3:GetObject", { IpAddress: { "aws:SourceIp": ["0.0.0.0/1", "128.0.0.0/1"] } })), { bucket: "b" }),
            expect: "s3:GetObject",
        },
        "not-principal-allow": {
            ...of(BUCKET_POLICY, doc({ Effect: "Allow", NotPrincipal: { AWS: ROOT }, Action: "s3:GetObject", Resource: "*" }), { bucket: "b" }),
            expect: "lets everyone but its NotPrincipal perform s3:GetObject",
        },
        "malformed-json": { ...of(BUCKET_POLICY, "{", { bucket: "b" }), expect: "policy is not valid JSON" },
        "opensearch-public-endpoint-with-open-policy": {
            resource: { type: "aws:opensearch/domain:Domain", name: "search", props: { accessPolicies: JSON.stringify(doc(stmt("*", "es:ESHttp*"))) } },
            expect: 'accessPolicies.Statement[0] lets any AWS account (Principal "*") perform es:ESHttp*',
        },
        "lambda-permission-for-anyone": {
            resource: { type: "aws:lambda/permission:Permission", name: "perm", props: { function: "f", action: "lambda:InvokeFunction", principal: "*" } },
            expect: 'principal "*" lets any AWS account',
        },
        "lambda-function-url-without-auth": {
            resource: { type: "aws:lambda/permission:Permission", name: "perm", props: { function: "f", action: "lambda:InvokeFunctionUrl", principal: "*", functionUrlAuthType: "NONE" } },
            expect: 'through a function URL with functionUrlAuthType "NONE"',
        },
    },
};
