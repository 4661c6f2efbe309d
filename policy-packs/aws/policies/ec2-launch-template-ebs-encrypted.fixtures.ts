import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const LT = "aws:ec2/launchTemplate:LaunchTemplate";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "root-volume-encrypted": pass(LT),
        "no-block-device-mappings": pass(LT, (p) => {
            delete p.blockDeviceMappings;
        }),
        "instance-store-mapping-has-no-ebs": pass(LT, (p) => {
            p.blockDeviceMappings.push({ deviceName: "/dev/sdb", virtualName: "ephemeral0" });
        }),
        "encrypted-unknown-at-preview": pass(LT, (p) => {
            p.blockDeviceMappings[0].ebs.encrypted = UNKNOWN;
        }),
    },
    fail: {
        "encrypted-unset": fail(LT, 'blockDeviceMappings[0].ebs.encrypted must be "true"', (p) => {
            delete p.blockDeviceMappings[0].ebs.encrypted;
        }),
        "second-volume-unencrypted": fail(LT, "blockDeviceMappings[1].ebs.encrypted", (p) => {
            p.blockDeviceMappings.push({ deviceName: "/dev/xvdb", ebs: { encrypted: "false", volumeSize: 100 } });
        }),
    },
};
