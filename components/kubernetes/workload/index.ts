export * from "./args";
export * from "./pod";
export * from "./secure-workload";
