import { stackPolicy } from "../../common/policy";
import { identitiesOf, mayReferTo, nodes, ofType, resolve } from "../lib/graph";

export default stackPolicy({
    name: "vpc-flow-logs",
    description: "Every VPC the stack creates must have a flow log.",
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.3.3"], nsaCisa: ["6"] },
    remediation:
        'Add an `aws.ec2.FlowLog` with `vpcId: vpc.id`, `trafficType: "ALL"` and a destination (an encrypted CloudWatch log ' +
        "group with retention, or an S3 bucket).",
    // It reports only about these; without one there is nothing to judge.
    requires: "aws:ec2/vpc:Vpc",
    validate: ({ resources }, report) => {
        const all = nodes(resources);
        const flowLogs = ofType(all, "aws:ec2/flowLog:FlowLog");
        for (const vpc of ofType(all, "aws:ec2/vpc:Vpc")) {
            const resolved = flowLogs.map((f) => resolve(f, "vpcId", [vpc], identitiesOf()));
            if (resolved.some((r) => r.targets.length > 0)) continue;
            // A flow log whose VPC is unknown at preview may be this VPC's: the update decides.
            if (mayReferTo(flowLogs, "vpcId", vpc, ofType(all, "aws:ec2/vpc:Vpc"), identitiesOf())) {
                report(`VPC "${vpc.name}": an aws.ec2.FlowLog's vpcId is not known until the update, so whether it covers this VPC is decided then`, {
                    urn: vpc.urn,
                    name: vpc.name,
                    advisory: true,
                });
                continue;
            }
            report(`VPC "${vpc.name}" has no aws.ec2.FlowLog: add one with vpcId set to this VPC's id and trafficType "ALL"`, {
                urn: vpc.urn,
                name: vpc.name,
            });
        }
    },
});
