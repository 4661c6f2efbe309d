export * from "./access";
export * from "./namespace";
export * from "./storage";
export * from "./workload";
