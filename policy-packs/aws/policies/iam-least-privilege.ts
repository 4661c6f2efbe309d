import { resourcePolicy } from "../../common/policy";
import { overbroadGrants, parsePolicyDocument } from "../lib/iam";
import { isUnknown, listOf, plain } from "../lib/values";

const DOCUMENT_TYPES = [
    "aws:iam/policy:Policy",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
];

export default resourcePolicy({
    name: "iam-least-privilege",
    description: "IAM permission documents must not grant every action, all of IAM, or iam:PassRole on every resource.",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.3.1"], nsaCisa: ["2", "5"] },
    remediation:
        "Replace wildcard grants with the actions the principal uses on the ARNs it uses (IAM Access Analyzer can generate " +
        "them from CloudTrail). Scope iam:PassRole to named role ARNs with an `iam:PassedToService` condition.",
    validate: ({ type, props }, report) => {
        const documents: { path: string; doc: unknown }[] = [];
        if (DOCUMENT_TYPES.includes(type)) documents.push({ path: "policy", doc: plain(props).policy });
        if (type === "aws:iam/role:Role") {
            const inline = listOf(plain(props).inlinePolicies);
            if (!isUnknown(inline)) {
                inline.forEach((p: any, i) => {
                    if (p && !isUnknown(p) && p.policy !== undefined) documents.push({ path: `inlinePolicies[${i}].policy`, doc: p.policy });
                });
            }
        }
        for (const { path, doc } of documents) {
            const parsed = parsePolicyDocument(doc);
            if (parsed.kind === "invalid") {
                report(`${path} is ${parsed.reason}: fix the policy document`);
                continue;
            }
            for (const f of overbroadGrants(parsed)) report(`${path}.${f.problem}`);
        }
    },
});
