/** The AWS pack's readings of effective risk: account-wide resources, open principals, web-identity claims. */
import * as assert from "assert";
import { accountWide, escalations } from "../../policy-packs/aws/lib/escalation";
import { boundingKey, issuerOf, unboundedIssuers } from "../../policy-packs/aws/lib/federated";
import { type Statement, parsePolicyDocument } from "../../policy-packs/aws/lib/iam";
import { publicAllow } from "../../policy-packs/aws/lib/public";
import { Unknown } from "../../policy-packs/aws/lib/values";

const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const statements = (...s: unknown[]): Statement[] => {
    const parsed = parsePolicyDocument(doc(...s));
    assert.strictEqual(parsed.kind, "document");
    return parsed.kind === "document" ? parsed.statements : [];
};
const open = (Condition?: unknown, Principal: unknown = "*") => ({ Effect: "Allow", Principal, Action: "s3:GetObject", Resource: "*", ...(Condition ? { Condition } : {}) });

describe("aws pack: effective risk", () => {
    it("reads a resource as account-wide when it names a whole kind, not one resource", () => {
        const wide = ["*", "arn:aws:iam::123456789012:*", "arn:aws:iam::123456789012:role/*", "arn:aws:iam::*:user/*", "arn:aws:lambda:*:123456789012:function:*"];
        const narrow = ["arn:aws:iam::123456789012:role/app", "arn:aws:iam::123456789012:role/team/*-ci", "arn:aws:iam::123456789012:user/${aws:username}", "arn:aws:s3:::bucket/*"];
        assert.deepStrictEqual(wide.map(accountWide), wide.map(() => true));
        assert.deepStrictEqual(narrow.map(accountWide), narrow.map(() => false));
    });

    it("finds escalation across statements: PassRole in one, compute in another, and never on what is unknown", () => {
        const split = parsePolicyDocument(doc({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }, { Effect: "Allow", Action: "glue:CreateDevEndpoint", Resource: "*" }));
        assert.deepStrictEqual(escalations(split).map((e) => e.statement), [0]);
        assert.deepStrictEqual(escalations(parsePolicyDocument(doc({ Effect: "Allow", Action: Unknown, Resource: "*" }))), []);
        assert.deepStrictEqual(escalations(parsePolicyDocument(Unknown)), []);
        const denied = parsePolicyDocument(doc({ Effect: "Deny", Action: "iam:PassRole", Resource: "*" }, { Effect: "Allow", Action: "ec2:RunInstances", Resource: "*" }));
        assert.deepStrictEqual(escalations(denied), [], "a Deny grants nothing");
    });

    it("calls an open Allow public unless a condition pins account, organisation or network, with the keys' semantics", () => {
        const pub = (...s: unknown[]) => {
            const all = statements(...s);
            return publicAllow(all[0], all);
        };
        assert.strictEqual(pub(open()), true);
        assert.strictEqual(pub(open(undefined, { AWS: "arn:aws:iam::123456789012:root" })), false, "a named account is not everyone");
        assert.strictEqual(pub(open({ StringEquals: { "aws:PrincipalOrgID": "o-abc" } })), false);
        assert.strictEqual(pub(open({ StringEquals: { "AWS:SourceAccount": "123456789012" } })), false, "keys are case-insensitive");
        assert.strictEqual(pub(open({ StringEqualsIfExists: { "aws:SourceAccount": "123456789012" } })), true, "IfExists admits callers without the key");
        assert.strictEqual(pub(open({ StringEqualsIfExists: { "aws:PrincipalAccount": "123456789012" } })), false, "every request has aws:PrincipalAccount");
        assert.strictEqual(pub(open({ StringLike: { "aws:PrincipalAccount": "*" } })), true);
        assert.strictEqual(pub(open({ "ForAllValues:StringLike": { "aws:PrincipalOrgPaths": "o-abc/*" } })), true, "ForAllValues matches an empty set");
        assert.strictEqual(pub(open({ StringNotEquals: { "aws:PrincipalOrgID": "o-abc" } })), true, "a negated test in an Allow admits outsiders");
        assert.strictEqual(pub(open({ StringEquals: { "sts:ExternalId": "x" } })), true);
        assert.strictEqual(pub(open({ ArnLike: { "aws:SourceArn": "arn:aws:s3:::uploads" } })), false, "a bucket ARN names one bucket");
        assert.strictEqual(pub(open({ ArnLike: { "aws:SourceArn": "arn:aws:s3:::*" } })), true);
        assert.strictEqual(pub(open({ ArnLike: { "aws:SourceArn": "arn:aws:sns:us-east-1:*:topic" } })), true, "any account's topic");
        assert.strictEqual(pub(open({ IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "198.51.100.7"] } })), false, "S3's own reading: a set of CIDRs");
        assert.strictEqual(pub(open({ IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "0.0.0.0/0"] } })), true);
        assert.strictEqual(pub(open({ IpAddress: { "aws:SourceIp": "2000::/3" } })), true, "broader than one organisation");
        assert.strictEqual(pub(open({ StringEquals: { "aws:SourceIp": "203.0.113.7" } })), true, "a string test of an address matches nothing");
        assert.strictEqual(pub(open({ StringEquals: { "aws:PrincipalOrgID": Unknown } })), Unknown);
        assert.strictEqual(pub(open(undefined, Unknown)), Unknown);
        const wall = (Condition: unknown, Action: unknown = "*") => ({ Effect: "Deny", Principal: "*", Action, Resource: "*", Condition });
        assert.strictEqual(pub(open(), wall({ StringNotEquals: { "aws:PrincipalAccount": "123456789012" } })), false);
        assert.strictEqual(pub(open(), wall({ StringNotEqualsIfExists: { "aws:SourceVpce": "vpce-1" } }, "s3:Get*")), false);
        assert.strictEqual(pub(open(), wall({ StringNotEquals: { "aws:PrincipalAccount": "123456789012" }, Bool: { "aws:SecureTransport": "false" } })), true, "another condition narrows the wall");
        assert.strictEqual(pub(open(), wall({ StringNotEquals: { "aws:PrincipalAccount": "123456789012" } }, "s3:PutObject")), true, "a wall on other actions");
        const bucket = (Resource: unknown, Effect = "Allow", Condition?: unknown) => ({ Effect, Principal: "*", Action: "s3:GetObject", Resource, ...(Condition ? { Condition } : {}) });
        const outsider = { StringNotEquals: { "aws:PrincipalOrgID": "o-abc" } };
        assert.strictEqual(pub(bucket("arn:aws:s3:::b/*"), bucket("arn:aws:s3:::b/*", "Deny", outsider)), false);
        assert.strictEqual(pub(bucket("arn:aws:s3:::b/*"), bucket("arn:aws:s3:::b/private/*", "Deny", outsider)), true, "a wall around part of what is open");
    });

    it("names the claim that bounds each web-identity provider, and judges its values", () => {
        assert.strictEqual(issuerOf("arn:aws:iam::123456789012:saml-provider/okta"), undefined);
        assert.strictEqual(issuerOf("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"), "token.actions.githubusercontent.com");
        assert.strictEqual(boundingKey("cognito-identity.amazonaws.com"), "cognito-identity.amazonaws.com:aud");
        assert.strictEqual(boundingKey("token.actions.githubusercontent.com"), "token.actions.githubusercontent.com:sub");
        const gh = "token.actions.githubusercontent.com";
        const trust = (Condition: unknown) =>
            statements({ Effect: "Allow", Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${gh}` }, Action: "sts:AssumeRoleWithWebIdentity", Condition })[0];
        assert.deepStrictEqual(unboundedIssuers(trust({ StringLike: { [`${gh}:sub`]: ["repo:acme/app:*", "repo:acme/infra:*"] } })), []);
        assert.deepStrictEqual(unboundedIssuers(trust({ StringLike: { [`${gh}:sub`]: ["repo:acme/app:*", "*"] } })), [gh], "values are ORed: one open value opens it");
        assert.deepStrictEqual(unboundedIssuers(trust({ StringLikeIfExists: { [`${gh}:sub`]: "repo:acme/app:*" } })), [gh]);
        assert.deepStrictEqual(unboundedIssuers(trust({ StringEquals: { [`${gh}:sub`]: Unknown } })), [], "unknown at preview is not a violation");
    });
});
