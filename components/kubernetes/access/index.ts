export * from "./args";
export * from "./rules";
export * from "./team-access";
export * from "./effective-rights";
