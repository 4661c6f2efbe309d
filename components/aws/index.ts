export * from "./args";
export { kubeconfig, type KubeconfigInputs } from "./kubeconfig";
export { MFA_MAX_AGE_SECONDS } from "./access";
export * from "./hardened-cluster";
export * from "./versions";
