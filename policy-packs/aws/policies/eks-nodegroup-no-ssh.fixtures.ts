import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const NG = "aws:eks/nodeGroup:NodeGroup";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "no-remote-access": pass(NG),
        "remote-access-unknown-at-preview": pass(NG, (p) => {
            p.remoteAccess = UNKNOWN;
        }),
    },
    fail: {
        "ssh-key-from-anywhere": fail(NG, "remoteAccess must be unset", (p) => {
            p.remoteAccess = { ec2SshKey: "ops" };
        }),
        "ssh-from-a-security-group": fail(NG, "remoteAccess must be unset", (p) => {
            p.remoteAccess = { ec2SshKey: "ops", sourceSecurityGroupIds: ["sg-bastion"] };
        }),
    },
};
