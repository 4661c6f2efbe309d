import { resourcePolicy } from "../../common/policy";
import { parsePolicyDocument } from "../lib/iam";
import { maxMfaAgeSchema, mfaGaps } from "../lib/trust";
import { plain } from "../lib/values";

interface Config {
    readonly maxMfaAgeSeconds: number;
}

export default resourcePolicy<Config>({
    name: "iam-role-mfa-required",
    types: ["aws:iam/role:Role"],
    description: "A role that people can assume must require recent MFA in its trust policy.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.3.1", "4.3.2"], nsaCisa: ["5"] },
    remediation:
        'In every trust statement whose Principal is an AWS account, root or user ARN, or "*", add ' +
        '`Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } }`. ' +
        "Or keep the Allow and add Deny statements on `sts:AssumeRole` for the same principals with " +
        '`BoolIfExists: { "aws:MultiFactorAuthPresent": "false" }` and `NumericGreaterThan: { "aws:MultiFactorAuthAge": "3600" }` ' +
        "(a plain `Bool` there would not stop long-term access keys). Service and web-identity principals are out of scope.",
    config: { maxMfaAgeSeconds: maxMfaAgeSchema },
    validate: ({ type, props, config }, report) => {
        if (type !== "aws:iam/role:Role") return;
        const doc = parsePolicyDocument(plain(props).assumeRolePolicy);
        if (doc.kind === "invalid") {
            report(`assumeRolePolicy is ${doc.reason}: fix the trust policy document`);
            return;
        }
        for (const f of mfaGaps(doc, config.maxMfaAgeSeconds)) report(`assumeRolePolicy.${f.problem}`);
    },
});
