export * from "./namespace";
export * from "./storage";
