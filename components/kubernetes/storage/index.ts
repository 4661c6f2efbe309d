export * from "./args";
export * from "./encrypted-storage-class";
