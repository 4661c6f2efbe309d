/** The IAM policy-document parser the AWS pack's IAM policies stand on. */
import * as assert from "assert";
import {
    coversAllActions,
    coversAllResources,
    coversAllRoles,
    coversService,
    grantsAction,
    humanAssumers,
    isHumanPrincipal,
    overbroadGrants,
    parsePolicyDocument,
    wildcardMatch,
} from "../../policy-packs/aws/lib/iam";
import { allowRequiresMfa } from "../../policy-packs/aws/lib/mfa-deny";
import { mfaGaps, requiresMfa } from "../../policy-packs/aws/lib/trust";
import { Unknown } from "../../policy-packs/aws/lib/values";

const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const statementsOf = (d: unknown) => {
    const parsed = parsePolicyDocument(d);
    assert.strictEqual(parsed.kind, "document");
    return parsed.kind === "document" ? parsed.statements : [];
};
const problems = (d: unknown) => overbroadGrants(parsePolicyDocument(d)).map((f) => f.problem);

describe("aws pack: IAM policy documents", () => {
    describe("parsePolicyDocument", () => {
        it("reads a JSON string and an object alike", () => {
            const d = doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" });
            assert.deepStrictEqual(statementsOf(JSON.stringify(d)), statementsOf(d));
            assert.deepStrictEqual(statementsOf(d)[0].action, ["s3:GetObject"]);
        });

        it("takes a single Statement object as a list of one, and single strings as lists", () => {
            const [s] = statementsOf({ Statement: { Sid: "One", Effect: "Deny", NotAction: "iam:*", NotResource: "arn:x" } });
            assert.deepStrictEqual([s.sid, s.effect, s.notAction, s.notResource, s.action], ["One", "Deny", ["iam:*"], ["arn:x"], undefined]);
        });

        it("normalizes Principal \"*\" to any AWS principal and keeps principal kinds apart", () => {
            const [a, b] = statementsOf(doc({ Effect: "Allow", Principal: "*" }, { Effect: "Allow", Principal: { Service: ["eks.amazonaws.com"], AWS: "123456789012" } }));
            assert.deepStrictEqual(a.principal, { AWS: ["*"] });
            assert.deepStrictEqual(b.principal, { Service: ["eks.amazonaws.com"], AWS: ["123456789012"] });
        });

        it("reports invalid JSON and non-objects rather than guessing", () => {
            assert.match((parsePolicyDocument("{nope") as { reason: string }).reason, /not valid JSON/);
            assert.strictEqual(parsePolicyDocument("[1]").kind, "invalid");
            assert.strictEqual(parsePolicyDocument(42).kind, "invalid");
        });

        it("keeps unknowns: a whole document, a Statement list, or one field", () => {
            assert.strictEqual(parsePolicyDocument(Unknown).kind, "unknown");
            assert.strictEqual(parsePolicyDocument({ Statement: Unknown }).kind, "unknown");
            const [s] = statementsOf(doc({ Effect: "Allow", Action: ["s3:GetObject", Unknown], Resource: Unknown }));
            assert.deepStrictEqual(s.action, ["s3:GetObject", Unknown]);
            assert.strictEqual(s.resource, Unknown);
        });

        it("reads Effect case-insensitively and ignores a statement that is not an object", () => {
            const ss = statementsOf(doc({ Effect: "ALLOW", Action: "*" }, "junk", { Effect: "maybe" }));
            assert.deepStrictEqual(ss.map((s) => [s.index, s.effect]), [[0, "Allow"], [2, undefined]]);
        });
    });

    describe("wildcards", () => {
        it("matches * and ? case-insensitively, and nothing else as a pattern", () => {
            assert.ok(wildcardMatch("s3:Get*", "s3:getobject"));
            assert.ok(wildcardMatch("ec2:Describe?nstances", "ec2:DescribeInstances"));
            assert.ok(!wildcardMatch("s3:Get*", "s3:PutObject"));
            assert.ok(!wildcardMatch("s3.Get", "s3xGet"), "a dot is literal, not a regex wildcard");
            assert.ok(!wildcardMatch("iam:Pass", "iam:PassRole"), "a pattern is not a substring search");
        });

        it("knows which patterns grant everything or a whole service", () => {
            assert.deepStrictEqual(["*", "*:*", "**", "s3:*", "i*"].map(coversAllActions), [true, true, true, false, false]);
            assert.deepStrictEqual(["iam:*", "IAM:*", "i*", "*", "iam:P*", "iam:*Role", "s3:*"].map((p) => coversService(p, "iam")), [
                true, true, true, true, false, false, false,
            ]);
        });

        it("knows which resources are every resource, and every role", () => {
            assert.deepStrictEqual(["*", "arn:aws:*:*:*:*", "arn:aws:s3:::*", "arn:aws:iam::123456789012:role/*"].map(coversAllResources), [
                true, true, false, false,
            ]);
            assert.deepStrictEqual(["arn:aws:iam::123456789012:role/*", "arn:aws:iam::*:*", "arn:aws:iam::123456789012:role/app"].map(coversAllRoles), [
                true, true, false,
            ]);
        });

        it("applies Action and NotAction to an action, unknown when an unknown decides", () => {
            const [a, n, u] = statementsOf(doc({ Effect: "Allow", Action: "sts:*" }, { Effect: "Allow", NotAction: "s3:*" }, { Effect: "Allow", Action: [Unknown] }));
            assert.strictEqual(grantsAction(a, "sts:AssumeRole"), true);
            assert.strictEqual(grantsAction(n, "sts:AssumeRole"), true);
            assert.strictEqual(grantsAction(n, "s3:GetObject"), false);
            assert.strictEqual(grantsAction(u, "sts:AssumeRole"), Unknown);
        });
    });

    describe("overbroadGrants", () => {
        it("finds Allow * on *, in any spelling", () => {
            assert.strictEqual(problems(doc({ Effect: "Allow", Action: "*", Resource: "*" })).length, 1);
            assert.strictEqual(problems(doc({ Effect: "Allow", Action: ["s3:GetObject", "*:*"], Resource: ["arn:aws:s3:::b", "*"] })).length, 1);
            assert.match(problems(JSON.stringify({ Statement: { Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::b" } }))[0], /allows Action "\*"/);
        });

        it("finds Allow NotAction on *, all of IAM on *, and PassRole on every role", () => {
            assert.match(problems(doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }))[0], /every action except NotAction/);
            assert.match(problems(doc({ Effect: "Allow", Action: "Iam:*", Resource: "*" }))[0], /"Iam:\*"/);
            assert.match(problems(doc({ Effect: "Allow", Action: "iam:Pass*", Resource: "arn:aws:iam::123456789012:role/*" }))[0], /"iam:Pass\*" on every role/);
        });

        it("leaves scoped, read-only, Deny and unknown grants alone", () => {
            assert.deepStrictEqual(problems(doc({ Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::123456789012:role/app" })), []);
            assert.deepStrictEqual(problems(doc({ Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" })), []);
            assert.deepStrictEqual(problems(doc({ Effect: "Deny", Action: "*", Resource: "*" })), []);
            assert.deepStrictEqual(problems(doc({ Effect: "Allow", Action: "*", Resource: Unknown })), []);
            assert.deepStrictEqual(problems(doc({ Effect: Unknown, Action: "*", Resource: "*" })), []);
            assert.deepStrictEqual(problems(Unknown), []);
        });

        it("never matches by substring: an action merely containing \"*\" or \"iam\" is not a finding", () => {
            assert.deepStrictEqual(problems(doc({ Effect: "Allow", Action: ["s3:*", "siam:Get"], Resource: "*" })), []);
            assert.deepStrictEqual(problems(doc({ Effect: "Allow", Action: "iam:PassRoleX", Resource: "*" })), []);
        });

        it("locates each finding by statement index and Sid", () => {
            const found = overbroadGrants(parsePolicyDocument(doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }, { Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" })));
            assert.deepStrictEqual(found.map((f) => f.statement), [1]);
            assert.match(found[0].problem, /^Statement\[1\] \(Sid "Admin"\)/);
        });
    });

    describe("trust policies and MFA", () => {
        const MFA = { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } };
        const trust = (Principal: unknown, Condition?: unknown, Action: unknown = "sts:AssumeRole") => doc({ Effect: "Allow", Principal, Action, Condition });

        it("tells people from roles and services", () => {
            assert.deepStrictEqual(
                ["*", "123456789012", "arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:user/ops/alice", "arn:aws:iam::123456789012:role/ci", "arn:aws:sts::123456789012:assumed-role/x/y"].map(isHumanPrincipal),
                [true, true, true, true, false, false],
            );
            assert.deepStrictEqual(humanAssumers(statementsOf(trust({ AWS: ["arn:aws:iam::123456789012:role/ci", "123456789012"] }))[0]), ["123456789012"]);
            assert.deepStrictEqual(humanAssumers(statementsOf(trust({ AWS: "123456789012" }, undefined, "sts:AssumeRoleWithWebIdentity"))[0]), []);
        });

        it("accepts Bool MFA present with a bounded age, condition keys in any case", () => {
            const [s] = statementsOf(trust("*", { bool: { "AWS:MultiFactorAuthPresent": true }, NumericLessThanEquals: { "aws:multifactorauthage": ["1800"] } }));
            assert.deepStrictEqual(allowRequiresMfa(s, 3600), { present: true, ageBounded: true });
            assert.deepStrictEqual(allowRequiresMfa(s, 900), { present: true, ageBounded: false });
        });

        it("reads condition semantics, not spelling: any test of the age key requires MFA, since the key exists only after MFA", () => {
            const [ageOnly] = statementsOf(trust("*", { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } }));
            assert.deepStrictEqual(allowRequiresMfa(ageOnly, 3600), { present: true, ageBounded: true });
            const [ifExistsWithAge] = statementsOf(trust("*", { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" }, NumericGreaterThan: { "aws:MultiFactorAuthAge": "10" } }));
            assert.deepStrictEqual(allowRequiresMfa(ifExistsWithAge, 3600), { present: true, ageBounded: false }, "a lower bound admits stale MFA");
            const [ageIfExists] = statementsOf(trust("*", { NumericLessThanIfExists: { "aws:MultiFactorAuthAge": "3600" } }));
            assert.deepStrictEqual(allowRequiresMfa(ageIfExists, 3600), { present: false, ageBounded: true }, "IfExists admits callers without the key");
        });

        it("does not count BoolIfExists alone, or a false value", () => {
            const [s] = statementsOf(trust("*", { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } }));
            assert.deepStrictEqual(allowRequiresMfa(s, 3600), { present: false, ageBounded: false });
            const [f] = statementsOf(trust("*", { Bool: { "aws:MultiFactorAuthPresent": "false" } }));
            assert.strictEqual(allowRequiresMfa(f, 3600).present, false);
            const [u] = statementsOf(trust("*", { Bool: { "aws:MultiFactorAuthPresent": Unknown } }));
            assert.strictEqual(allowRequiresMfa(u, 3600).present, Unknown);
        });

        it("lists MFA gaps per human statement, and none for a gated role", () => {
            assert.deepStrictEqual(mfaGaps(parsePolicyDocument(trust({ AWS: "123456789012" }, MFA)), 3600), []);
            const gaps = mfaGaps(parsePolicyDocument(trust({ AWS: "123456789012" }, { Bool: MFA.Bool })), 3600);
            assert.deepStrictEqual(gaps.map((g) => g.statement), [0]);
            assert.match(gaps[0].problem, /MFA session of any age/);
        });

        it("calls a role MFA-gated only when every assume statement requires MFA", () => {
            assert.strictEqual(requiresMfa(parsePolicyDocument(trust({ AWS: "123456789012" }, MFA)), 3600), true);
            assert.strictEqual(requiresMfa(parsePolicyDocument(trust({ Service: "ec2.amazonaws.com" })), 3600), false);
            assert.strictEqual(requiresMfa(parsePolicyDocument(doc()), 3600), false, "a role nobody can assume is not MFA-gated");
            const mixed = doc({ Effect: "Allow", Principal: { AWS: "123456789012" }, Action: "sts:AssumeRole", Condition: MFA }, { Effect: "Allow", Principal: { Federated: "arn:aws:iam::123456789012:saml-provider/idp" }, Action: "sts:AssumeRoleWithSAML" });
            assert.strictEqual(requiresMfa(parsePolicyDocument(mixed), 3600), false);
            assert.strictEqual(requiresMfa(parsePolicyDocument(Unknown), 3600), Unknown);
        });
    });
});
