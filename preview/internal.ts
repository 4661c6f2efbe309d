/**
 * Pulumi internals the engine's own code paths use but the SDKs mark `@internal`. They are read
 * through one typed door so that an SDK upgrade that moves them fails here, loudly, and only here.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";

const policyDeserialize = require("@pulumi/policy/deserialize") as {
    deserializeProperties(struct: Struct, proxySecrets: boolean): Record<string, any>;
};
const policyPolicy = require("@pulumi/policy/policy") as {
    getPulumiType(obj: unknown): string | undefined;
    isResourcePolicy(p: unknown): boolean;
    isStackPolicy(p: unknown): boolean;
};
const runtimeSettings = require("@pulumi/pulumi/runtime/settings") as {
    getMonitor(): unknown;
    waitForRPCs(): Promise<void>;
};

export const { deserializeProperties } = policyDeserialize;
export const { getPulumiType, isResourcePolicy, isStackPolicy } = policyPolicy;
export const { getMonitor, waitForRPCs } = runtimeSettings;
