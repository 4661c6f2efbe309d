import { resourcePolicy } from "../../common/policy";
import { permissionDocuments } from "../lib/documents";
import { overbroadGrants } from "../lib/iam";
import { PERMISSION_DOCUMENT_TYPES } from "../lib/documents";

export default resourcePolicy({
    name: "iam-least-privilege",
    types: PERMISSION_DOCUMENT_TYPES,
    description: "IAM permission documents must not grant every action, all of IAM, or iam:PassRole on every resource.",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.3.1"], nsaCisa: ["2", "5"] },
    remediation:
        "Replace wildcard grants with the actions the principal uses on the ARNs it uses (IAM Access Analyzer can generate " +
        "them from CloudTrail). Scope iam:PassRole to named role ARNs with an `iam:PassedToService` condition.",
    validate: ({ type, props }, report) => {
        for (const { path, doc: parsed } of permissionDocuments(type, props)) {
            if (parsed.kind === "invalid") {
                report(`${path} is ${parsed.reason}: fix the policy document`);
                continue;
            }
            for (const f of overbroadGrants(parsed)) report(`${path}.${f.problem}`);
        }
    },
});
