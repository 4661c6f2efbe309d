/** MFA required through an explicit Deny in a role's trust policy, evaluated as IAM evaluates it. */
import * as assert from "assert";
import { type Statement, parsePolicyDocument } from "../../policy-packs/aws/lib/iam";
import { STALE_MFA, WITHOUT_MFA, deniedFor, denies } from "../../policy-packs/aws/lib/mfa-deny";
import { mfaGaps, requiresMfa } from "../../policy-packs/aws/lib/trust";
import { Unknown } from "../../policy-packs/aws/lib/values";

const ACCOUNT = "123456789012";
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const allow = (Principal: unknown = { AWS: ROOT }, Condition?: unknown) => ({ Effect: "Allow", Principal, Action: "sts:AssumeRole", Condition });
const deny = (Condition: unknown, Principal: unknown = { AWS: ROOT }, Action: unknown = "sts:AssumeRole") => ({ Effect: "Deny", Principal, Action, Condition });
const statement = (s: unknown): Statement => {
    const parsed = parsePolicyDocument(doc(s));
    assert.strictEqual(parsed.kind, "document");
    return parsed.kind === "document" ? parsed.statements[0] : (undefined as never);
};
/** Which callers one Deny stops, for ROOT assuming the role with a 3600 s maximum age. */
const stops = (s: unknown) =>
    (["long-term-keys", "session-without-mfa", "stale-mfa"] as const).filter((c) => denies(statement(s), c, [ROOT], ["sts:AssumeRole"], 3600) === true);
const gaps = (d: unknown, max = 3600) => mfaGaps(parsePolicyDocument(d), max).map((f) => f.problem);

describe("aws pack: MFA required by an explicit Deny", () => {
    describe("which callers a Deny's conditions stop", () => {
        it("BoolIfExists false stops long-term keys (no key) and sessions without MFA; plain Bool false misses long-term keys", () => {
            assert.deepStrictEqual(stops(deny({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } })), ["long-term-keys", "session-without-mfa"]);
            assert.deepStrictEqual(stops(deny({ Bool: { "aws:MultiFactorAuthPresent": false } })), ["session-without-mfa"]);
            assert.deepStrictEqual(stops(deny({ Null: { "aws:MultiFactorAuthPresent": "true" } })), ["long-term-keys"]);
        });

        it("an age lower bound stops stale MFA only up to the maximum, and with IfExists also every caller without MFA", () => {
            assert.deepStrictEqual(stops(deny({ NumericGreaterThan: { "aws:MultiFactorAuthAge": "3600" } })), ["stale-mfa"]);
            assert.deepStrictEqual(stops(deny({ NumericGreaterThanEquals: { "aws:MultiFactorAuthAge": 900 } })), ["stale-mfa"]);
            assert.deepStrictEqual(stops(deny({ NumericGreaterThan: { "aws:MultiFactorAuthAge": "3601" } })), []);
            assert.deepStrictEqual(stops(deny({ NumericGreaterThanIfExists: { "aws:MultiFactorAuthAge": "3600" } })), ["long-term-keys", "session-without-mfa", "stale-mfa"]);
            assert.deepStrictEqual(stops(deny({ NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } })), [], "an upper bound stops recent MFA, not stale");
        });

        it("ANDs conditions: another key narrows the Deny, and MFA present with age in one statement bounds no age", () => {
            assert.deepStrictEqual(stops(deny({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" }, StringEquals: { "aws:PrincipalTag/team": "ops" } })), []);
            assert.deepStrictEqual(
                stops(deny({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" }, NumericGreaterThanIfExists: { "aws:MultiFactorAuthAge": "3600" } })),
                ["long-term-keys", "session-without-mfa"],
            );
            assert.deepStrictEqual(stops(deny(undefined)), ["long-term-keys", "session-without-mfa", "stale-mfa"], "an unconditional Deny stops everyone");
        });

        it("applies only to the assume action and the Allow's principals (an account id is its root ARN; * is everyone)", () => {
            const ifExists = { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } };
            assert.deepStrictEqual(stops(deny(ifExists, { AWS: ACCOUNT }, ["sts:*"])), ["long-term-keys", "session-without-mfa"]);
            assert.deepStrictEqual(stops(deny(ifExists, "*", "*")), ["long-term-keys", "session-without-mfa"]);
            assert.deepStrictEqual(stops(deny(ifExists, { AWS: ALICE })), []);
            assert.deepStrictEqual(stops(deny(ifExists, { AWS: ROOT }, "sts:TagSession")), []);
            assert.deepStrictEqual(stops({ ...deny(ifExists), Effect: "Allow" }), []);
            const all = parsePolicyDocument(doc(deny(ifExists, { AWS: ROOT })));
            const statements = all.kind === "document" ? all.statements : [];
            assert.strictEqual(deniedFor(statements, WITHOUT_MFA, [ROOT, ALICE], ["sts:AssumeRole"], 3600), false, "a Deny of the account does not count for its users");
        });

        it("keeps unknowns unknown: a Deny's principal, condition or value not known at preview", () => {
            const d = (s: unknown, callers = WITHOUT_MFA) => deniedFor([statement(s)], callers, [ROOT], ["sts:AssumeRole"], 3600);
            assert.strictEqual(d(deny({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }, { AWS: Unknown })), Unknown);
            assert.strictEqual(d(deny(Unknown)), Unknown);
            assert.strictEqual(d(deny({ NumericGreaterThan: { "aws:MultiFactorAuthAge": Unknown } }), STALE_MFA), Unknown);
            assert.strictEqual(d({ ...deny({}), Effect: Unknown }), Unknown);
            assert.strictEqual(deniedFor([statement(deny({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }, "*"))], WITHOUT_MFA, Unknown, ["sts:AssumeRole"], 3600), true);
        });
    });

    describe("trust policies gated by a Deny", () => {
        const ifExists = deny({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } });
        const stale = (max: unknown = "3600") => deny({ NumericGreaterThan: { "aws:MultiFactorAuthAge": max } });

        it("finds no gap when Denies stop callers without MFA and with stale MFA", () => {
            assert.deepStrictEqual(gaps(doc(allow(), ifExists, stale())), []);
            assert.deepStrictEqual(gaps(doc(allow(), deny({ NumericGreaterThanIfExists: { "aws:MultiFactorAuthAge": "900" } })), 900), []);
            assert.deepStrictEqual(gaps(doc(allow({ AWS: ROOT }, { Bool: { "aws:MultiFactorAuthPresent": "true" } }), stale())), [], "Allow requires MFA, a Deny bounds its age");
        });

        it("names the gap a Deny leaves, and says why a plain Bool Deny does not count", () => {
            const [present, ...rest] = gaps(doc(allow(), deny({ Bool: { "aws:MultiFactorAuthPresent": "false" } }), stale()));
            assert.deepStrictEqual(rest, []);
            assert.match(present, /^Statement\[0\] lets ".*:root" assume the role without MFA \(Statement\[1\] denies with Bool, .* use BoolIfExists\)/);
            assert.deepStrictEqual(gaps(doc(allow(), ifExists, stale("7200"))).length, 1);
            assert.match(gaps(doc(allow(), ifExists, stale("7200")))[0], /MFA session of any age/);
            assert.match(gaps(doc(allow(), ifExists))[0], /MFA session of any age: .* or a Deny of sts:AssumeRole/);
        });

        it("calls a role MFA-gated through Denies, but not one that also trusts a service", () => {
            assert.strictEqual(requiresMfa(parsePolicyDocument(doc(allow(), ifExists, stale())), 3600), true);
            assert.strictEqual(requiresMfa(parsePolicyDocument(doc(allow(), deny({ Bool: { "aws:MultiFactorAuthPresent": "false" } }), stale())), 3600), false);
            const withService = doc(allow({ AWS: ROOT, Service: "ec2.amazonaws.com" }), deny({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }, "*"), stale());
            assert.strictEqual(requiresMfa(parsePolicyDocument(withService), 3600), false);
            assert.strictEqual(requiresMfa(parsePolicyDocument(doc(allow({ AWS: Unknown }), deny({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }, { AWS: ROOT }), stale())), 3600), Unknown);
        });
    });
});
