/** The offline preview engine: record a program's resource graph, and run policy packs over it. */
export { type AnalyzerInfo, type PolicyPackProcess, startPolicyPack } from "./analyzer-client";
export { ConfigError, ProgramError } from "./host/errors";
export { type HostedRun, type HostOptions, hostProgram } from "./host/run";
export { type OfflinePreviewReport, runOfflinePreview } from "./offline-preview";
export { PolicyConfigError, reconcileConfig } from "./policy-config";
export { analyzeAll, analyzeResource, analyzeStack, type PolicyInput, type RunOptions, toPolicyInputs } from "./policy-runner";
export { type RecordedGraph, type RecordOptions, recordGraph } from "./recorder";
export { loadProject, loadStackConfig, StackConfigError } from "./stack-config";
export { type AnalysisResult, type Diagnostic, type RecordedResource, UNKNOWN } from "./types";
export { type JsonReport, toJsonReport } from "./output/json";
export { toSarif } from "./output/sarif";
