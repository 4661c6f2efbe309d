import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const I = "aws:ec2/instance:Instance";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "launch-template-without-key-pair": pass(LT),
        "instance-without-key-pair": pass(I),
        "key-name-empty": pass(LT, (p) => (p.keyName = "")),
        "key-name-unknown-at-preview": pass(LT, (p) => (p.keyName = UNKNOWN)),
    },
    fail: {
        "launch-template-with-key-pair": fail(LT, 'keyName is "ops-debug"', (p) => (p.keyName = "ops-debug")),
        "instance-with-key-pair": fail(I, 'keyName is "bastion"', (p) => (p.keyName = "bastion")),
    },
};
