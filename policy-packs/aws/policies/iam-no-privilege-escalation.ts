import { resourcePolicy } from "../../common/policy";
import { permissionDocuments } from "../lib/documents";
import { escalations } from "../lib/escalation";
import { PERMISSION_DOCUMENT_TYPES } from "../lib/documents";

export default resourcePolicy({
    name: "iam-no-privilege-escalation",
    types: PERMISSION_DOCUMENT_TYPES,
    description: "IAM permission documents must not grant privilege-escalation actions (policy writes, new credentials, passing any role to compute) on broad resources.",
    severity: "critical",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.3.1"], nsaCisa: ["5"] },
    remediation:
        "Scope each escalation action to the exact ARNs it needs: `iam:Attach*Policy`/`iam:Put*Policy`/`iam:CreatePolicyVersion` " +
        "only on named roles or policies, and with an `iam:PermissionsBoundary` (or `iam:PolicyARN`) condition where the " +
        "principal delegates role creation; `iam:PassRole` only on named role ARNs with `iam:PassedToService`; " +
        "`sts:AssumeRole` only on the roles needed; credentials (`iam:CreateAccessKey`, `iam:*LoginProfile`) only on " +
        "`arn:aws:iam::<account>:user/${aws:username}`.",
    validate: ({ type, props }, report) => {
        for (const { path, doc } of permissionDocuments(type, props)) {
            for (const e of escalations(doc)) report(`${path}.${e.problem}`);
        }
    },
});
