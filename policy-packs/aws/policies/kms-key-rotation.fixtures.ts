import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";

const key = (props: Record<string, unknown>): ResourceCase => ({ resource: { type: "aws:kms/key:Key", name: "cluster", props } });

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "rotation-on": key({ enableKeyRotation: true }),
        "asymmetric-signing-key": key({ customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }),
        "rotation-unknown-at-preview": key({ enableKeyRotation: UNKNOWN }),
    },
    fail: {
        "rotation-unset": { ...key({}), expect: "enableKeyRotation must be true" },
        "rotation-off": { ...key({ enableKeyRotation: false }), expect: "enableKeyRotation must be true" },
    },
};
