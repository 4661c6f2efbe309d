import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";

const key = (props: Record<string, unknown>): ResourceCase => ({ resource: { type: "aws:kms/key:Key", name: "cluster", props } });

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "rotation-on": key({ enableKeyRotation: true }),
        "asymmetric-signing-key": key({ customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }),
        "rotation-unknown-at-preview": key({ enableKeyRotation: UNKNOWN }),
        "hmac-key-cannot-rotate": key({ customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" }),
        "custom-key-store-cannot-rotate": key({ customKeyStoreId: "cks-1234567890abcdef0" }),
        "key-spec-unknown-at-preview": key({ customerMasterKeySpec: UNKNOWN }),
        "imported-material-is-an-external-key": { resource: { type: "aws:kms/externalKey:ExternalKey", name: "byok", props: { keyMaterialBase64: "AAAA" } } },
    },
    fail: {
        "rotation-unset": { ...key({}), expect: "enableKeyRotation must be true" },
        "rotation-off": { ...key({ enableKeyRotation: false }), expect: "enableKeyRotation must be true" },
        "symmetric-default-spelled-out": { ...key({ customerMasterKeySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT", customKeyStoreId: "" }), expect: "enableKeyRotation must be true" },
    },
};
