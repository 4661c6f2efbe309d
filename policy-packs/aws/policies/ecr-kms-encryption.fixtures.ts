import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { fail, pass } from "../lib/resources.fixtures";

const R = "aws:ecr/repository:Repository";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        kms: pass(R),
        "dual-layer-kms": pass(R, (p) => (p.encryptionConfigurations = [{ encryptionType: "KMS_DSSE" }])),
        "encryption-unknown-at-preview": pass(R, (p) => (p.encryptionConfigurations = UNKNOWN)),
    },
    fail: {
        "unset-means-aes256": fail(R, "encryptionConfigurations[0].encryptionType is unset (AES256)", (p) => delete p.encryptionConfigurations),
        aes256: fail(R, 'encryptionType is "AES256"', (p) => (p.encryptionConfigurations = [{ encryptionType: "AES256" }])),
    },
};
