import { resourcePolicy } from "../../common/policy";
import { isUnknown, plain } from "../lib/values";

export default resourcePolicy({
    name: "cloudwatch-log-group-encrypted",
    types: ["aws:cloudwatch/logGroup:LogGroup"],
    description: "CloudWatch log groups (which hold control-plane audit logs) must be encrypted with a customer-managed KMS key.",
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { cisEks: ["2.1.2"], nsaCisa: ["4", "6"] },
    remediation:
        "Set `kmsKeyId` to the ARN of a customer-managed KMS key whose key policy lets the `logs.<region>.amazonaws.com` " +
        "service use it. For EKS, create the `/aws/eks/<cluster>/cluster` log group yourself so that it is encrypted.",
    validate: ({ type, props }, report) => {
        if (type !== "aws:cloudwatch/logGroup:LogGroup") return;
        const key = plain(props).kmsKeyId;
        if (isUnknown(key)) return;
        if (typeof key !== "string" || key.trim() === "") report("kmsKeyId must be set to a customer-managed KMS key ARN");
    },
});
