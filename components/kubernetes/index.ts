export * from "./access";
export * from "./monitoring";
export * from "./namespace";
export * from "./storage";
export * from "./workload";
