import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const I = "aws:rds/instance:Instance";
const C = "aws:rds/cluster:Cluster";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "instance-encrypted": pass(I),
        "cluster-encrypted": pass(C),
        "read-replica-inherits-encryption": pass(I, (p) => {
            delete p.storageEncrypted;
            p.replicateSourceDb = "primary";
        }),
        "serverless-v1-always-encrypted": pass(C, (p) => {
            delete p.storageEncrypted;
            p.engineMode = "serverless";
        }),
        "encrypted-unknown-at-preview": pass(I, (p) => (p.storageEncrypted = UNKNOWN)),
    },
    fail: {
        "instance-unencrypted": fail(I, "storageEncrypted must be true", (p) => delete p.storageEncrypted),
        "cluster-unencrypted": fail(C, "storageEncrypted must be true", (p) => (p.storageEncrypted = false)),
    },
};
