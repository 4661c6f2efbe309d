/** The Kubernetes pack's policies, listed explicitly. Tests import this module; only index.ts serves it. */
import type { BulwarkPolicy } from "../common/policy";
import pssBaselinePrivileged from "./policies/pss-baseline-privileged";

export const packName = "bulwark-kubernetes";

export const policies: BulwarkPolicy[] = [pssBaselinePrivileged];
