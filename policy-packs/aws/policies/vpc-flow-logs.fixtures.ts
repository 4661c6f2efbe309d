import type { PolicyFixtures, ResourceFixture, StackCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { urnOf } from "../lib/resources.fixtures";

const VPC = "aws:ec2/vpc:Vpc";
const vpc = (name: string, props: Record<string, unknown> = {}): ResourceFixture => ({ type: VPC, name, props: { cidrBlock: "10.0.0.0/16", ...props } });
const flowLogFor = (vpcName: string): ResourceFixture => ({
    type: "aws:ec2/flowLog:FlowLog",
    name: `${vpcName}-flows`,
    props: { vpcId: UNKNOWN, trafficType: "ALL", logDestination: UNKNOWN },
    propertyDependencies: { vpcId: [urnOf(VPC, vpcName)] },
});

export const fixtures: PolicyFixtures<StackCase> = {
    pass: {
        "flow-log-via-dependency": { resources: [vpc("main"), flowLogFor("main")] },
        "flow-log-by-known-id": {
            resources: [vpc("main", { id: "vpc-0abc" }), { type: "aws:ec2/flowLog:FlowLog", name: "flows", props: { vpcId: "vpc-0abc", trafficType: "ALL" } }],
        },
        "no-vpc-in-stack": { resources: [{ type: "aws:ec2/flowLog:FlowLog", name: "flows", props: { vpcId: "vpc-elsewhere" } }] },
    },
    fail: {
        "vpc-without-flow-log": { resources: [vpc("main")], expect: 'VPC "main" has no aws.ec2.FlowLog' },
        "flow-log-for-another-vpc": { resources: [vpc("main"), vpc("edge"), flowLogFor("main")], expect: 'VPC "edge"' },
        "subnet-flow-log-does-not-cover-vpc": {
            resources: [vpc("main"), { type: "aws:ec2/flowLog:FlowLog", name: "subnet-flows", props: { subnetId: "subnet-1", trafficType: "ALL" } }],
            expect: 'VPC "main"',
        },
    },
};
