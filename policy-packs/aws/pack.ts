/** The AWS pack's policies, listed explicitly. Tests import this module; only index.ts serves it. */
import type { BulwarkPolicy } from "../common/policy";
import kmsKeyRotation from "./policies/kms-key-rotation";

export const packName = "bulwark-aws";

export const policies: BulwarkPolicy[] = [kmsKeyRotation];
