export * from "./args";
export * from "./charts";
export * from "./exemptions";
export * from "./monitoring-stack";
export * from "./network";
export * from "./values";
export * from "./webhook-tls";
export * from "./webhooks";
