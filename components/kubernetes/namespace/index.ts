export * from "./args";
export * from "./network";
export * from "./secure-namespace";
