import { resourcePolicy } from "../../common/policy";
import { boundingKey, unboundedIssuers } from "../lib/federated";
import { grantsAction, parsePolicyDocument } from "../lib/iam";
import { misleadingConditions, publicAllow } from "../lib/public";
import { plain } from "../lib/values";

const ASSUME = ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"];

/** Why a condition that reads as a safeguard does not make an open trust policy private. */
function whyNot(keys: string[]): string {
    const reasons = [
        ...(keys.some((k) => /multifactor/i.test(k)) ? ["MFA proves who signed in, not which account they belong to"] : []),
        ...(keys.some((k) => /externalid/i.test(k)) ? ["sts:ExternalId guards a named third-party account against the confused deputy; it does not name the account"] : []),
    ];
    return reasons.length ? ` (its ${keys.join(", ")} condition does not help: ${reasons.join("; ")})` : "";
}

export default resourcePolicy({
    name: "iam-role-trust-not-public",
    types: ["aws:iam/role:Role"],
    description: "Role trust policies must not let any AWS account, or every identity of a web-identity provider, assume the role.",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.3.1", "4.3.2"], nsaCisa: ["5"] },
    remediation:
        'Name the accounts, roles or users that may assume the role as principals instead of `"*"`, or keep `"*"` with ' +
        '`{"StringEquals": {"aws:PrincipalOrgID": "o-..."}}` or `aws:PrincipalAccount`; MFA and `sts:ExternalId` conditions ' +
        "do not restrict the account. For OIDC providers, add a `<issuer>:sub` condition naming the subjects " +
        '(`"repo:<org>/<repo>:ref:refs/heads/main"` for GitHub, `"system:serviceaccount:<namespace>:<name>"` for EKS); for ' +
        "Cognito, Google, Facebook and Amazon, an `<issuer>:aud` condition naming your pool or app id.",
    validate: ({ type, props }, report) => {
        if (type !== "aws:iam/role:Role") return;
        const doc = parsePolicyDocument(plain(props).assumeRolePolicy);
        if (doc.kind === "invalid") {
            report(`assumeRolePolicy is ${doc.reason}: fix the trust policy document`);
            return;
        }
        if (doc.kind !== "document") return;
        for (const s of doc.statements) {
            const at = `assumeRolePolicy.Statement[${s.index}]${s.sid ? ` (Sid "${s.sid}")` : ""}`;
            if (ASSUME.some((a) => grantsAction(s, a) === true) && publicAllow(s, doc.statements) === true) {
                const who = s.notPrincipal !== undefined ? "everyone but its NotPrincipal" : 'any AWS account (Principal "*")';
                report(
                    `${at} lets ${who} assume the role${whyNot(misleadingConditions(s))}: name the accounts as principals, or add ` +
                        '{"StringEquals": {"aws:PrincipalOrgID": "o-..."}} or {"StringEquals": {"aws:PrincipalAccount": "<account id>"}}',
                );
            }
            for (const issuer of unboundedIssuers(s)) {
                const key = boundingKey(issuer);
                report(`${at} lets every identity that "${issuer}" signs a token for assume the role: add a StringEquals (or StringLike) condition on "${key}" naming yours`);
            }
        }
    },
});
