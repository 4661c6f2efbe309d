import { stackPolicy } from "../../common/policy";
import { identitiesOf, nodes, ofType, resolve } from "../lib/graph";

export default stackPolicy({
    name: "vpc-flow-logs",
    description: "Every VPC the stack creates must have a flow log.",
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.3.3"], nsaCisa: ["6"] },
    remediation:
        'Add an `aws.ec2.FlowLog` with `vpcId: vpc.id`, `trafficType: "ALL"` and a destination (an encrypted CloudWatch log ' +
        "group with retention, or an S3 bucket).",
    validate: ({ resources }, report) => {
        const all = nodes(resources);
        const flowLogs = ofType(all, "aws:ec2/flowLog:FlowLog");
        for (const vpc of ofType(all, "aws:ec2/vpc:Vpc")) {
            if (flowLogs.some((f) => resolve(f, "vpcId", [vpc], identitiesOf()).targets.length > 0)) continue;
            report(`VPC "${vpc.name}" has no aws.ec2.FlowLog: add one with vpcId set to this VPC's id and trafficType "ALL"`, {
                urn: vpc.urn,
                name: vpc.name,
            });
        }
    },
});
