import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const I = "aws:ec2/instance:Instance";
const BY_DEFAULT = { ebsEncryptionByDefault: true };
const data = (props: Record<string, unknown> = {}) => ({ deviceName: "/dev/sdf", volumeSize: 100, ...props });

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "root-volume-encrypted": pass(I),
        "root-and-extra-volume-encrypted-with-customer-key": pass(I, (p) => {
            p.rootBlockDevice.kmsKeyId = "arn:aws:kms:us-east-1:123456789012:key/k1";
            p.ebsBlockDevices = [data({ encrypted: true, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/k1" })];
        }),
        "root-volume-from-an-encrypted-launch-template": pass(I, (p) => {
            delete p.rootBlockDevice;
            p.launchTemplate = { id: "lt-0123456789abcdef0", version: "$Latest" };
        }),
        "unset-with-ebs-encryption-by-default": pass(I, (p) => {
            delete p.rootBlockDevice;
            p.ebsBlockDevices = [data()];
        }, BY_DEFAULT),
        "root-encryption-unknown-at-preview": pass(I, (p) => (p.rootBlockDevice.encrypted = UNKNOWN)),
        "extra-volumes-unknown-at-preview": pass(I, (p) => (p.ebsBlockDevices = UNKNOWN)),
        "spot-instance-encrypted": {
            resource: { type: "aws:ec2/spotInstanceRequest:SpotInstanceRequest", name: "spot", props: { ami: "ami-1", instanceType: "t3.micro", rootBlockDevice: { encrypted: true } } },
        },
    },
    fail: {
        "root-volume-unset": fail(I, "rootBlockDevice.encrypted is unset, so the volume is encrypted only if EBS encryption by default is on", (p) => delete p.rootBlockDevice),
        "root-volume-false": fail(I, "rootBlockDevice.encrypted is false: set rootBlockDevice.encrypted to true", (p) => (p.rootBlockDevice.encrypted = false)),
        "root-volume-false-even-with-encryption-by-default": fail(I, "rootBlockDevice.encrypted is false", (p) => (p.rootBlockDevice.encrypted = false), BY_DEFAULT),
        "extra-volume-unset": fail(I, "ebsBlockDevices[0].encrypted (device /dev/sdf) is unset", (p) => (p.ebsBlockDevices = [data()])),
        "second-extra-volume-from-unencrypted-snapshot": fail(I, "ebsBlockDevices[1].encrypted", (p) => {
            p.ebsBlockDevices = [data({ encrypted: true }), data({ deviceName: "/dev/sdg", snapshotId: "snap-1", encrypted: false })];
        }),
        "spot-instance-root-unset": {
            resource: { type: "aws:ec2/spotInstanceRequest:SpotInstanceRequest", name: "spot", props: { ami: "ami-1", instanceType: "t3.micro" } },
            expect: "rootBlockDevice.encrypted is unset",
        },
    },
};
