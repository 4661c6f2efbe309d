import { resourcePolicy } from "../../common/policy";
import { isUnknown, plain } from "../lib/values";

const TYPES = ["aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/instance:Instance"];

export default resourcePolicy({
    name: "ec2-no-ssh-key-pair",
    types: ["aws:ec2/launchTemplate:LaunchTemplate", "aws:ec2/instance:Instance"],
    description: "Launch templates and instances must not install an EC2 key pair: nodes are reached through SSM, not SSH keys.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.5.1", "4.5.4"], nsaCisa: ["5"] },
    remediation:
        "Remove `keyName` from the launch template or instance. For a debugging session use AWS Systems Manager Session " +
        "Manager (the SSM agent ships with EKS-optimized AMIs and Bottlerocket), which needs no open port, no long-lived " +
        "key, and leaves an audit trail in CloudTrail.",
    validate: ({ type, props }, report) => {
        if (!TYPES.includes(type)) return;
        const keyName = plain(props).keyName;
        // A key pair that is only known at update is decided then.
        if (keyName === undefined || keyName === null || keyName === "" || isUnknown(keyName)) return;
        report(`keyName is "${String(keyName)}": remove it and reach nodes through SSM Session Manager (a key pair is a standing SSH credential)`);
    },
});
