import { resourcePolicy } from "../../common/policy";
import { isUnknown, plain } from "../lib/values";

export default resourcePolicy({
    name: "eks-nodegroup-no-ssh",
    types: ["aws:eks/nodeGroup:NodeGroup"],
    description: "Managed node groups must not open SSH to their nodes.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.5.1", "4.5.4"], nsaCisa: ["3", "5"] },
    remediation:
        "Remove `remoteAccess` from the node group. To reach a node, use SSM Session Manager (the `AmazonSSMManagedInstanceCore` " +
        "policy on the node role), which is audited and needs no open port or shared key.",
    validate: ({ type, props }, report) => {
        if (type !== "aws:eks/nodeGroup:NodeGroup") return;
        const remote = plain(props).remoteAccess;
        if (remote === undefined || remote === null || isUnknown(remote)) return;
        report("remoteAccess must be unset: it opens port 22 on every node (use SSM Session Manager instead)");
    },
});
