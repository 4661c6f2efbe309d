/**
 * Bulwark's components. Both areas name their own team roles, so each is a namespace here; import
 * an area directly from "@bulwark/components/aws" or "@bulwark/components/kubernetes".
 */
export * as aws from "./aws";
export * as kubernetes from "./kubernetes";
