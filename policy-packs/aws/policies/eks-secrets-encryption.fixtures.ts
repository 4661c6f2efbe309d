import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const C = "aws:eks/cluster:Cluster";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "secrets-with-kms-key": pass(C),
        "key-arn-unknown-at-preview": pass(C, (p) => {
            p.encryptionConfig.provider.keyArn = UNKNOWN;
        }),
        "encryption-config-unknown-at-preview": pass(C, (p) => {
            p.encryptionConfig = UNKNOWN;
        }),
    },
    fail: {
        "no-encryption-config": fail(C, "encryptionConfig is unset", (p) => {
            delete p.encryptionConfig;
        }),
        "secrets-not-listed": fail(C, 'encryptionConfig.resources must include "secrets"', (p) => {
            p.encryptionConfig.resources = [];
        }),
        "empty-key-arn": fail(C, "encryptionConfig.provider.keyArn", (p) => {
            p.encryptionConfig.provider.keyArn = "";
        }),
    },
};
