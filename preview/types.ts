import type { EnforcementLevel, Severity } from "@pulumi/policy";

/** The engine's marker for a value not known until the update (an unknown string, number, ...). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A policy violation, as the engine reports it. */
export interface Diagnostic {
    readonly policyName: string;
    readonly policyPackName: string;
    readonly policyPackVersion?: string;
    readonly message: string;
    readonly description?: string;
    readonly urn?: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly severity?: Severity;
}

/** A policy found not to apply to a resource (by type), or that said so itself. */
export interface NotApplicable {
    readonly policyName: string;
    readonly reason?: string;
}

export interface AnalysisResult {
    readonly diagnostics: Diagnostic[];
    readonly notApplicable: NotApplicable[];
}

/** Resource options as the engine hands them to analyzers. */
export interface RecordedOptions {
    readonly protect: boolean;
    readonly ignoreChanges: string[];
    readonly deleteBeforeReplace?: boolean;
    readonly aliases: string[];
    readonly additionalSecretOutputs: string[];
    readonly customTimeouts: { createSeconds: number; updateSeconds: number; deleteSeconds: number };
    readonly parent?: string;
}

/**
 * One registered resource: what the program asked for, where it sits in the graph, and what came
 * back. `inputs` are as the engine sees them: unknowns are `UNKNOWN`, secrets are Pulumi secret
 * envelopes (`{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value}`).
 */
export interface RecordedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** True for resources a provider manages; false for components. */
    readonly custom: boolean;
    /** True for components a provider builds (`remote`, e.g. `helm.v4.Chart`): their children appear only in a real preview. */
    readonly remote: boolean;
    /** True for provider resources (`pulumi:providers:<pkg>`). */
    readonly isProvider: boolean;
    readonly inputs: Record<string, unknown>;
    /** The state the (mock) provider returned; absent for components. */
    readonly outputs?: Record<string, unknown>;
    readonly id?: string;
    readonly parent?: string;
    /** Provider reference, `<provider urn>::<provider id>`, for custom resources with an explicit provider. */
    readonly provider?: string;
    readonly dependencies: string[];
    readonly propertyDependencies: Record<string, string[]>;
    readonly options: RecordedOptions;
    /** Where the program registered it (the SDK's source position), when the runtime sent one. */
    readonly sourcePosition?: { readonly uri: string; readonly line: number; readonly column: number };
}
