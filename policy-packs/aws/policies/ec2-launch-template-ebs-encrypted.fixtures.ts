import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const LT = "aws:ec2/launchTemplate:LaunchTemplate";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "root-volume-encrypted": pass(LT),
        "no-block-device-mappings-with-ebs-encryption-by-default": pass(
            LT,
            (p) => {
                delete p.blockDeviceMappings;
            },
            { ebsEncryptionByDefault: true },
        ),
        "instance-store-mapping-has-no-ebs": pass(LT, (p) => {
            p.blockDeviceMappings.push({ deviceName: "/dev/sdb", virtualName: "ephemeral0" });
        }),
        "encrypted-unknown-at-preview": pass(LT, (p) => {
            p.blockDeviceMappings[0].ebs.encrypted = UNKNOWN;
        }),
    },
    fail: {
        "no-block-device-mappings-root-from-ami": fail(LT, "blockDeviceMappings is empty, so the root volume is encrypted only if the AMI's snapshot is", (p) => {
            delete p.blockDeviceMappings;
        }),
        "encrypted-string-false": fail(LT, "blockDeviceMappings[0].ebs.encrypted (device /dev/xvda) is false", (p) => {
            p.blockDeviceMappings[0].ebs.encrypted = "false";
        }),
        "encrypted-unset": fail(LT, "blockDeviceMappings[0].ebs.encrypted (device /dev/xvda) is unset", (p) => {
            delete p.blockDeviceMappings[0].ebs.encrypted;
        }),
        "second-volume-unencrypted": fail(LT, "blockDeviceMappings[1].ebs.encrypted", (p) => {
            p.blockDeviceMappings.push({ deviceName: "/dev/xvdb", ebs: { encrypted: "false", volumeSize: 100 } });
        }),
    },
};
