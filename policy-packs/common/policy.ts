import type {
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidation,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { type Controls, controlTags } from "./controls";
import {
    type Exemption,
    type ExemptionRules,
    type ExemptionSubject,
    exemptionProblem,
    exemptionSchema,
    findExemption,
    isNamespacedKubernetesType,
    maxDaysSchema,
} from "./exemptions";
import { cachingView } from "./unknown-proxy";

/** What every Bulwark policy must declare; the type makes each field required. */
export interface PolicyMetadata {
    /** Kebab-case name, equal to the policy's file name. */
    readonly name: string;
    /** One sentence: what the policy requires. */
    readonly description: string;
    readonly severity: Severity;
    /** Default level: "mandatory" for security controls, "advisory" for hygiene. */
    readonly enforcementLevel: Extract<EnforcementLevel, "mandatory" | "advisory">;
    readonly controls: Controls;
    /** Steps that fix a violation, in Markdown. */
    readonly remediation: string;
    /** Policy-specific config properties (JSON schema); `exemptions` is added to every policy. */
    readonly config?: { readonly [key: string]: PolicyConfigJSONSchema };
}

/** Config every Bulwark policy accepts, merged with its own properties. */
export interface BaseConfig {
    readonly exemptions?: readonly Exemption[];
    /** The latest expiry an exemption may have, in days from today. */
    readonly exemptionMaxDays?: number;
}

/** Options of a single report. */
export interface ReportOptions {
    /** Kubernetes namespace of the subject, for exemption matching (read from metadata by default). */
    readonly namespace?: string;
    /** URN of the subject, for stack policies reporting on one resource. */
    readonly urn?: string;
    /** Pulumi name of the subject, for stack policies reporting on one resource. */
    readonly name?: string;
    /** Kubernetes metadata.name of the subject (read from props by default). */
    readonly objectName?: string;
    /** Report at advisory whatever the policy's level: for what the policy cannot decide at preview. */
    readonly advisory?: boolean;
}

export type Report = (message: string, options?: ReportOptions) => void;

/** The arguments a resource check receives. */
export interface ResourceCheck<C> {
    readonly type: string;
    /** The resource's inputs, behind the engine's unknown-checking proxy. */
    readonly props: Record<string, any>;
    readonly urn: string;
    readonly name: string;
    readonly config: C & BaseConfig;
    readonly args: ResourceValidationArgs;
}

/** The arguments a stack check receives. */
export interface StackCheck<C> {
    readonly resources: PolicyResource[];
    readonly config: C & BaseConfig;
    readonly args: StackValidationArgs;
}

/**
 * The resource types a policy judges: type tokens ("aws:kms/key:Key"), or "<package>:*" for every
 * type of one provider package. The policy is called for nothing else.
 */
export type JudgedTypes = readonly [string, ...string[]];

/** The policy object as the engine sees it, plus the metadata tests and docs read back. */
export type BulwarkResourcePolicy = ResourceValidationPolicy & {
    readonly metadata: PolicyMetadata;
    readonly kind: "resource";
    readonly types: JudgedTypes;
    /** The validation without its type scope: for the test that holds the scope to what the policy judges. */
    readonly validateAnyType: ResourceValidation;
};
export type BulwarkStackPolicy = StackValidationPolicy & {
    readonly metadata: PolicyMetadata;
    readonly kind: "stack";
    /** The one type without which it has nothing to judge: skipped on a stack without one. */
    readonly requires?: string;
};
export type BulwarkPolicy = BulwarkResourcePolicy | BulwarkStackPolicy;

function configSchema(meta: PolicyMetadata): PolicyConfigSchema {
    return {
        properties: {
            ...(meta.config ?? {}),
            exemptions: {
                type: "array",
                items: exemptionSchema,
                default: [],
                description: "Scoped, justified exemptions from this policy.",
            },
            exemptionMaxDays: maxDaysSchema,
        },
    };
}

function frameworkOf(meta: PolicyMetadata) {
    const c = meta.controls;
    if (c.cisEks?.length) {
        return { name: "cis-eks", version: "1.8.0", reference: c.cisEks.join(", "), specification: meta.description };
    }
    if (c.pss?.length) {
        return { name: "pod-security-standards", version: "1.37", reference: c.pss.join(", "), specification: meta.description };
    }
    if (c.nist800190?.length) {
        return { name: "nist-sp-800-190", version: "1.0", reference: c.nist800190.join(", "), specification: meta.description };
    }
    return { name: "nsa-cisa-kubernetes-hardening", version: "1.1", reference: (c.nsaCisa ?? []).join(", "), specification: meta.description };
}

function common(meta: PolicyMetadata) {
    return {
        name: meta.name,
        description: meta.description,
        enforcementLevel: meta.enforcementLevel,
        severity: meta.severity,
        remediationSteps: meta.remediation,
        tags: controlTags(meta.controls),
        framework: frameworkOf(meta),
        configSchema: configSchema(meta),
        metadata: meta,
    };
}

function metadataOf(props: Record<string, any> | undefined): { objectName?: string; namespace?: string; unknown?: boolean } {
    // Read defensively: metadata may be absent, of any type, or unknown at preview.
    const read = (get: () => unknown): { value?: string; unknown?: boolean } => {
        try {
            const v = get();
            return typeof v === "string" ? { value: v } : {};
        } catch (e) {
            return isUnknownValueError(e) ? { unknown: true } : {};
        }
    };
    const name = read(() => props?.metadata?.name);
    const namespace = read(() => props?.metadata?.namespace);
    return { objectName: name.value, namespace: namespace.value, unknown: name.unknown || namespace.unknown };
}

/** Whether a Kubernetes type is namespaced, worked out once per type. */
const namespacedTypes = new Map<string, boolean>();
function isNamespaced(type: string | undefined): boolean {
    if (type === undefined) return false;
    let namespaced = namespacedTypes.get(type);
    if (namespaced === undefined) namespacedTypes.set(type, (namespaced = isNamespacedKubernetesType(type)));
    return namespaced;
}

/** The exemptions a config lists; none when it lists none, or something that is not a list. */
function exemptionsIn(config: BaseConfig): readonly Exemption[] | undefined {
    const e = config.exemptions;
    return Array.isArray(e) && e.length > 0 ? e : undefined;
}

/**
 * Turns a report into a violation, honouring exemptions: a valid exemption turns it into an advisory
 * note that names the justification; an invalid one keeps it at the policy's level and says why.
 * The config is read when the first report is made: most checks report nothing.
 */
function makeReporter(
    meta: PolicyMetadata,
    configOf: () => BaseConfig,
    reportViolation: ReportViolation,
    subject: { urn: string; name: string; type?: string; props?: Record<string, any> },
): Report {
    return (message, options = {}) => {
        const config = configOf();
        const exemptions = exemptionsIn(config);
        const urn = options.urn;
        if (exemptions === undefined) {
            // Nothing can lift or defer the violation: neither the subject's names nor the day matter.
            reportViolation({ message: `${message}`, urn, ...(options.advisory ? { enforcementLevel: "advisory" } : {}) } as any);
            return;
        }
        // Judged against the policy's own default level: a pack given a config cannot tell how the
        // security team meant to run it, and the safe reading of a high-severity control is "mandatory".
        const rules = {
            maxDays: typeof config.exemptionMaxDays === "number" ? config.exemptionMaxDays : undefined,
            requiresExpiry: meta.enforcementLevel === "mandatory" && (meta.severity === "high" || meta.severity === "critical"),
        };
        const md = metadataOf(subject.props);
        const s: ExemptionSubject = {
            policy: meta.name,
            urn: options.urn ?? subject.urn,
            name: options.name ?? subject.name,
            objectName: options.objectName ?? md.objectName,
            namespace: options.namespace ?? md.namespace,
            namespaced: isNamespaced(subject.type),
        };
        const verdict = findExemption(exemptions, s, { ...rules, today: new Date() });
        if (verdict.kind === "exempt") {
            const e = verdict.exemption;
            const until = e.expires ? ` until ${e.expires}` : "";
            const accepted = e.acceptedBy ? `; ${e.id ? `request ${e.id}, ` : ""}accepted by ${e.acceptedBy}` : "";
            reportViolation({ message: `[exempted${until}: ${e.justification}${accepted}] ${message}`, enforcementLevel: "advisory", urn } as any);
            return;
        }
        // Which exemptions cover a resource whose name or namespace is unknown at preview is decided at the update.
        const undecided = verdict.kind === "none" && md.unknown === true && mayCover(exemptions, meta.name, { ...rules, today: new Date() });
        const suffix =
            verdict.kind === "invalid" ? ` (an exemption matched but does not apply: ${verdict.reason})`
            : undecided ? " (its name or namespace is not known until the update, which decides whether an exemption covers it)"
            : "";
        const level = options.advisory || undecided ? { enforcementLevel: "advisory" } : {};
        reportViolation({ message: `${message}${suffix}`, urn, ...level } as any);
    };
}

/** Whether `type` is one of `types` (a token, or a provider package's "<package>:*"). */
export function judgesType(types: readonly string[], type: string): boolean {
    for (const t of types) {
        if (t === type || (t.endsWith(":*") && type.startsWith(t.slice(0, -1)))) return true;
    }
    return false;
}

/**
 * Scopes a validation to the types it judges, in the cheapest way the policy server honours. One
 * type token: the server's own filter (`validateResourceOfType` attaches the same `__pulumiType`)
 * skips the policy before deserializing the resource, and reports it not applicable. Several types
 * or a provider: the server deserializes for every policy whatever it declares, so the check is the
 * first thing the policy does, before reading its config or the resource.
 */
function scoped(types: JudgedTypes, validation: ResourceValidation): ResourceValidation {
    if (types.length === 1 && !types[0].endsWith(":*")) {
        const only = types[0];
        const fn: ResourceValidation = (args, reportViolation) => (args.type === only ? validation(args, reportViolation) : undefined);
        (fn as { __pulumiType?: string }).__pulumiType = only;
        return fn;
    }
    const exact = new Set(types.filter((t) => !t.endsWith(":*")));
    const packages = types.filter((t) => t.endsWith(":*")).map((t) => t.slice(0, -1));
    return (args, reportViolation) => {
        const type = args.type;
        if (exact.has(type) || packages.some((p) => type.startsWith(p))) return validation(args, reportViolation);
        return undefined;
    };
}

/** Whether some valid exemption lifts `policy` somewhere, so that it could cover a resource not yet named. */
function mayCover(exemptions: readonly Exemption[] | undefined, policy: string, rules: ExemptionRules): boolean {
    return (Array.isArray(exemptions) ? exemptions : []).some(
        (e) => (!Array.isArray(e?.policies) || e.policies.includes(policy)) && exemptionProblem(e, rules) === undefined,
    );
}

/** The engine's "unknown at preview" error, duck-typed so that any copy of @pulumi/policy matches. */
function isUnknownValueError(e: unknown): boolean {
    return e instanceof Error && "unknownTypeSentinel" in e;
}

/** The first unknown-value error that reading all of `value` meets, if any. */
function unknownIn(read: () => unknown): Error | undefined {
    const walk = (v: unknown, depth: number): void => {
        if (depth > 1000 || v === null || typeof v !== "object") return;
        for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], depth + 1);
    };
    try {
        walk(read(), 0);
    } catch (e) {
        if (isUnknownValueError(e)) return e as Error;
    }
    return undefined;
}

export const UNCHECKABLE = "could not be checked";

/**
 * Runs a check so that a malformed input never crashes the preview: an error of the kind a value of
 * an unexpected type or shape causes (TypeError, RangeError) becomes a violation at the policy's
 * level, so the gate fails closed on what it could not read, unless an input is unknown at preview,
 * in which case the engine's own "can't run during preview" advisory is what the policy owes.
 * Everything else (unknown values, "not applicable") is the engine's to handle, as before.
 */
function guarded(run: () => void, inputs: () => unknown, report: Report): void {
    try {
        run();
    } catch (e) {
        failClosed(e, inputs, report);
    }
}

function failClosed(e: unknown, inputs: () => unknown, report: Report): void {
    if (!(e instanceof TypeError || e instanceof RangeError)) throw e;
    const unknown = unknownIn(inputs);
    if (unknown) throw unknown;
    report(`the resource ${UNCHECKABLE}: an input has a type or shape the policy does not expect (${e.message}); compare it with the provider's schema`);
}

/** What a resource check is handed; its config is read from the engine only when the check asks for it. */
class Check<C> implements ResourceCheck<C> {
    private configValue: (C & BaseConfig) | undefined;
    private configRead = false;

    constructor(
        readonly args: ResourceValidationArgs,
        readonly props: Record<string, any>,
    ) {}

    get type(): string {
        return this.args.type;
    }

    get urn(): string {
        return this.args.urn;
    }

    get name(): string {
        return this.args.name;
    }

    get config(): C & BaseConfig {
        if (!this.configRead) {
            this.configValue = this.args.getConfig<C & BaseConfig>();
            this.configRead = true;
        }
        return this.configValue as C & BaseConfig;
    }
}

/** Declares a policy that checks one resource at a time, of the types it names. */
export function resourcePolicy<C extends object = object>(
    meta: PolicyMetadata & { readonly types: JudgedTypes; readonly validate: (check: ResourceCheck<C>, report: Report) => void },
): BulwarkResourcePolicy {
    const { validate, types, ...metadata } = meta;
    const validateAnyType: ResourceValidation = (args, reportViolation) => {
        const check = new Check<C>(args, cachingView(args.props));
        const report = makeReporter(metadata, () => check.config ?? {}, reportViolation, args);
        try {
            validate(check, report);
        } catch (e) {
            failClosed(e, () => args.props, report);
        }
    };
    return {
        ...common(metadata),
        kind: "resource",
        types,
        validateAnyType,
        validateResource: scoped(types, validateAnyType),
    };
}

/**
 * Declares a policy that checks the whole stack at once. `requires`: the one type without which the
 * policy has nothing to judge (it reports only about resources of that type); the policy server then
 * skips it on a stack without one, before it deserializes anything, as it does for any stack
 * validation with an attached type.
 */
export function stackPolicy<C extends object = object>(
    meta: PolicyMetadata & { readonly requires?: string; readonly validate: (check: StackCheck<C>, report: Report) => void },
): BulwarkStackPolicy {
    const { validate, requires, ...metadata } = meta;
    const validateStack: StackValidation = (args, reportViolation) => {
        const config = args.getConfig<C & BaseConfig>();
        const report: Report = (message, options = {}) => {
            const subject = args.resources.find((r) => r.urn === options.urn);
            makeReporter(metadata, () => config ?? {}, reportViolation, {
                urn: options.urn ?? "",
                name: options.name ?? subject?.name ?? "",
                type: subject?.type,
                props: subject?.props,
            })(message, options);
        };
        guarded(() => validate({ resources: args.resources, config, args }, report), () => args.resources.map((r) => r.props), report);
    };
    if (requires) (validateStack as { __pulumiType?: string }).__pulumiType = requires;
    return { ...common(metadata), kind: "stack", ...(requires ? { requires } : {}), validateStack };
}
