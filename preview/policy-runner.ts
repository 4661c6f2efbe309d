/**
 * Runs CrossGuard policies in-process exactly as the policy server does: the same enforcement-level
 * resolution, the same `ResourceValidationArgs` and `StackValidationArgs`, properties that went
 * through the same serialization and the same unknown-checking proxy, and the same handling of
 * unknown values (an advisory "can't run during preview") and of `notApplicable`.
 *
 * It is the quick way to test a policy the way the engine runs it; `analyzer-client.ts` is the way
 * that boots the real pack process.
 */
import type {
    EnforcementLevel,
    Policies,
    PolicyProviderResource,
    PolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { UnknownValueError, unknownCheckingProxy } from "@pulumi/policy";
import { withoutResourceReferences } from "./host/references";
import { getPulumiType, isResourcePolicy, isStackPolicy } from "./internal";
import { reconcileConfig, type PolicyConfigEntry, type PolicyPackConfig } from "./policy-config";
import { deserializeOnce, sharedUnknownCheckingProxy } from "./shared-props";
import type { AnalysisResult, Diagnostic, NotApplicable, RecordedResource } from "./types";

/** A resource to analyze. Only `type` and `props` are required. */
export interface PolicyInput {
    readonly type: string;
    readonly props: Record<string, unknown>;
    readonly urn?: string;
    readonly name?: string;
    readonly options?: Partial<PolicyResourceOptions>;
    readonly provider?: { type: string; urn: string; name: string; props: Record<string, unknown> };
    readonly parent?: string;
    readonly dependencies?: readonly string[];
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

export interface RunOptions {
    /** The pack's name, as diagnostics report it. */
    readonly packName?: string;
    readonly packVersion?: string;
    /** The pack's default enforcement level (a policy's own level wins). Default: advisory. */
    readonly packEnforcementLevel?: EnforcementLevel;
    /** Policy pack config, as `--policy-pack-config` takes it; defaults and validation as the CLI does. */
    readonly config?: PolicyPackConfig;
    readonly stackTags?: ReadonlyMap<string, string>;
}

/** What can be analyzed: a recorded resource, or a bare `{type, props}`. */
export type AnalyzableResource = RecordedResource | PolicyInput;

/** A resource the recorder or the program host recorded, rather than one a test describes. */
export function isRecorded(r: AnalyzableResource): r is RecordedResource {
    return "inputs" in r && "urn" in r;
}

/** The name and URN a policy sees: a bare input without them gets a stable stand-in. */
export function identityOf(r: PolicyInput): { name: string; urn: string } {
    const name = r.name ?? "resource";
    return { name, urn: r.urn ?? `urn:pulumi:test::bulwark::${r.type}::${name}` };
}

/**
 * Resources as policy inputs, each recorded one with its provider's own inputs attached as the
 * engine sends them (the provider is looked up among the recorded resources given). Components,
 * providers and the stack are kept: the engine analyzes them all. Resource references in the
 * properties become what the engine sends instead: the referenced resource's ID (unknown until it
 * exists) or, for a component, its URN.
 */
export function toPolicyInputs(resources: readonly AnalyzableResource[]): PolicyInput[] {
    const providers = new Map(resources.filter((r): r is RecordedResource => isRecorded(r) && r.isProvider).map((r) => [r.urn, r]));
    return resources.map((r) => toPolicyInput(r, providers));
}

/** One resource as a policy input, its provider looked up among `providers` (by URN). */
export function toPolicyInput(r: AnalyzableResource, providers: ReadonlyMap<string, RecordedResource>): PolicyInput {
    if (!isRecorded(r)) {
        const props = withoutResourceReferences(r.props);
        const provider = r.provider && { ...r.provider, props: withoutResourceReferences(r.provider.props) };
        return props === r.props && provider?.props === r.provider?.props ? r : { ...r, props, ...(provider ? { provider } : {}) };
    }
    // A provider reference is `<provider urn>::<provider id>`.
    const providerUrn = r.provider?.split("::").slice(0, -1).join("::");
    const p = providerUrn ? providers.get(providerUrn) : undefined;
    return {
        type: r.type,
        props: withoutResourceReferences(r.inputs),
        urn: r.urn,
        name: r.name,
        options: r.options,
        parent: r.parent,
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
        ...(p ? { provider: { type: p.type, urn: p.urn, name: p.name, props: withoutResourceReferences(p.inputs) } } : {}),
    };
}

class NotApplicableError extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}

const throwNotApplicable = (reason?: string): never => {
    throw new NotApplicableError(reason);
};

/**
 * One resource as every policy sees it, built once and shared: its properties deserialized once,
 * when the first policy the server would not filter out by type runs (a resource no policy reads
 * pays nothing), behind one read-only unknown-checking proxy; its options and provider likewise.
 */
class SharedResource {
    private propsValue: Record<string, any> | undefined;
    private optsValue: PolicyResourceOptions | undefined;
    private providerValue: PolicyProviderResource | null | undefined;

    constructor(readonly input: PolicyInput) {}

    get props(): Record<string, any> {
        return (this.propsValue ??= sharedUnknownCheckingProxy(deserializeOnce(this.input.props)));
    }

    get opts(): PolicyResourceOptions {
        return (this.optsValue ??= readOnlyOptions(optionsOf(this.input)));
    }

    get provider(): PolicyProviderResource | undefined {
        if (this.providerValue === undefined) {
            const p = this.input.provider;
            this.providerValue = p ? { ...p, props: sharedUnknownCheckingProxy(deserializeOnce(p.props)) } : null;
        }
        return this.providerValue ?? undefined;
    }
}

function readOnlyOptions(o: PolicyResourceOptions): PolicyResourceOptions {
    const copy = { ...o, customTimeouts: { ...o.customTimeouts } };
    for (const v of Object.values(copy)) if (v !== null && typeof v === "object") Object.freeze(v);
    return Object.freeze(copy);
}

/** The properties as the server hands them to a policy: freshly deserialized, behind the proxy. */
function fromWire(props: Record<string, unknown>): Record<string, any> {
    return unknownCheckingProxy(deserializeOnce(props));
}

function optionsOf(r: PolicyInput): PolicyResourceOptions {
    const o = r.options ?? {};
    return {
        protect: o.protect ?? false,
        ignoreChanges: [...(o.ignoreChanges ?? [])],
        aliases: [...(o.aliases ?? [])],
        customTimeouts: o.customTimeouts ?? { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [...(o.additionalSecretOutputs ?? [])],
        ...(o.deleteBeforeReplace !== undefined ? { deleteBeforeReplace: o.deleteBeforeReplace } : {}),
        ...((o.parent ?? r.parent) ? { parent: o.parent ?? r.parent } : {}),
    };
}

function providerOf(r: PolicyInput): PolicyProviderResource | undefined {
    if (!r.provider) return undefined;
    return { ...r.provider, props: fromWire(r.provider.props) };
}

function isTypeOf(type: string, resourceClass: any): boolean {
    const pulumiType = getPulumiType(resourceClass);
    if (pulumiType) return type === pulumiType;
    const isInstance = resourceClass?.isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/** Mirrors the server's violation reporter, including the object form used to override the level. */
function makeReporter(
    p: { name: string; description: string; severity?: Severity },
    pack: { name: string; version: string },
    level: EnforcementLevel,
    out: Diagnostic[],
): ReportViolation {
    return ((message: unknown, urn?: string) => {
        if (typeof message === "object" && message !== null) {
            const m = message as Partial<Diagnostic> & { name?: string };
            out.push({
                policyName: m.name ?? p.name,
                policyPackName: pack.name,
                policyPackVersion: pack.version,
                message: m.message ?? m.description ?? p.description,
                description: m.description ?? p.description,
                urn: m.urn,
                enforcementLevel: m.enforcementLevel ?? level,
                severity: m.severity ?? p.severity,
            });
            return;
        }
        out.push({
            policyName: p.name,
            policyPackName: pack.name,
            policyPackVersion: pack.version,
            message: message ? `${p.description}\n${message}` : p.description,
            description: p.description,
            urn,
            enforcementLevel: level,
            severity: p.severity,
        });
    }) as ReportViolation;
}

interface Prepared {
    readonly config: Record<string, PolicyConfigEntry>;
    readonly pack: { name: string; version: string };
    readonly packLevel: EnforcementLevel;
    readonly stackTags: ReadonlyMap<string, string>;
}

// Reconciling and validating a pack's config is the costly part of a run: do it once per config.
const reconciled = new WeakMap<Policies, Map<string, Record<string, PolicyConfigEntry>>>();

function reconcileOnce(policies: Policies, config: PolicyPackConfig): Record<string, PolicyConfigEntry> {
    let byConfig = reconciled.get(policies);
    if (!byConfig) reconciled.set(policies, (byConfig = new Map()));
    const key = JSON.stringify(config);
    let result = byConfig.get(key);
    if (!result) {
        result = reconcileConfig(policies.map((p) => ({ name: p.name, configSchema: p.configSchema as any })), config);
        byConfig.set(key, result);
    }
    return result;
}

function prepare(policies: Policies, options: RunOptions): Prepared {
    return {
        config: reconcileOnce(policies, options.config ?? {}),
        pack: { name: options.packName ?? "in-process", version: options.packVersion ?? "0.0.0" },
        packLevel: options.packEnforcementLevel ?? "advisory",
        stackTags: options.stackTags ?? new Map(),
    };
}

function levelOf(p: { name: string; enforcementLevel?: EnforcementLevel }, prep: Prepared): EnforcementLevel {
    const level = (prep.config[p.name]?.enforcementLevel as EnforcementLevel | undefined) || p.enforcementLevel || prep.packLevel;
    return level === "remediate" ? "mandatory" : level;
}

function getConfigFun(name: string, prep: Prepared) {
    return <T extends object>(): T => {
        const { enforcementLevel: _, ...props } = prep.config[name] ?? {};
        return props as T;
    };
}

function unknownDiagnostic(p: { name: string; description: string; severity?: Severity }, prep: Prepared, e: Error): Diagnostic {
    return {
        policyName: p.name,
        policyPackName: prep.pack.name,
        policyPackVersion: prep.pack.version,
        message: `can't run policy '${p.name}' from policy pack '${prep.pack.name}@v${prep.pack.version}' during preview: ${e.message}`,
        description: p.description,
        enforcementLevel: "advisory",
        severity: p.severity,
    };
}

/** What a resource policy needs on every resource, worked out once per policies, config and pack level. */
interface PlannedPolicy {
    readonly policy: ResourceValidationPolicy;
    readonly level: EnforcementLevel;
    /** The type the server filters on before deserializing (`validateResourceOfType`). */
    readonly pulumiType: string | undefined;
    readonly validations: readonly ResourceValidation[];
    readonly getConfig: ResourceValidationArgs["getConfig"];
}

const plans = new WeakMap<Policies, WeakMap<Record<string, PolicyConfigEntry>, Map<EnforcementLevel, (PlannedPolicy | NotApplicable)[]>>>();

/** The resource policies in the server's order; a policy without `validateResource` is its not-applicable entry. */
function planOf(policies: Policies, prep: Prepared): readonly (PlannedPolicy | NotApplicable)[] {
    let byConfig = plans.get(policies);
    if (!byConfig) plans.set(policies, (byConfig = new WeakMap()));
    let byLevel = byConfig.get(prep.config);
    if (!byLevel) byConfig.set(prep.config, (byLevel = new Map()));
    let plan = byLevel.get(prep.packLevel);
    if (plan) return plan;
    plan = [];
    for (const p of policies) {
        const level = levelOf(p, prep);
        if (level === "disabled" || !isResourcePolicy(p)) continue;
        const rp = p as ResourceValidationPolicy;
        if (!rp.validateResource) {
            plan.push({ policyName: p.name, reason: "Policy does not implement validateResource" });
            continue;
        }
        const single = !Array.isArray(rp.validateResource);
        plan.push({
            policy: rp,
            level,
            pulumiType: single ? getPulumiType(rp.validateResource) : undefined,
            validations: single ? [rp.validateResource as ResourceValidation] : (rp.validateResource as ResourceValidation[]),
            getConfig: getConfigFun(p.name, prep),
        });
    }
    byLevel.set(prep.packLevel, plan);
    return plan;
}

async function analyzeOne(policies: Policies, r: PolicyInput, prep: Prepared, out: AnalysisResult): Promise<void> {
    const { name, urn } = identityOf(r);
    const type = r.type;
    const shared = new SharedResource(r);
    const isType = (cls: any) => isTypeOf(type, cls);
    const asType = ((cls: any) => (isTypeOf(type, cls) ? shared.props : undefined)) as ResourceValidationArgs["asType"];
    for (const planned of planOf(policies, prep)) {
        if (!("policy" in planned)) {
            out.notApplicable.push(planned);
            continue;
        }
        const p = planned.policy;
        if (planned.pulumiType && planned.pulumiType !== type) {
            out.notApplicable.push({ policyName: p.name, reason: `Policy only applies to resources of type '${planned.pulumiType}'` });
            continue;
        }
        const report = makeReporter(p, prep.pack, planned.level, out.diagnostics);
        for (const validation of planned.validations) {
            try {
                // Built per policy as the server does; what is costly is built once, for the first policy that runs.
                const args: ResourceValidationArgs = {
                    type,
                    props: shared.props,
                    urn,
                    name,
                    opts: shared.opts,
                    stackTags: prep.stackTags,
                    isType,
                    asType,
                    getConfig: planned.getConfig,
                    notApplicable: throwNotApplicable,
                };
                if (r.provider) args.provider = shared.provider;
                // Only an asynchronous policy is awaited: the verdicts and their order are the same.
                const pending = validation(args, report) as unknown;
                if (pending instanceof Promise) await pending;
            } catch (e) {
                if (e instanceof UnknownValueError) out.diagnostics.push(unknownDiagnostic(p, prep, e as Error));
                else if (e instanceof NotApplicableError) out.notApplicable.push({ policyName: p.name, reason: e.reason });
                else throw new Error(`Error validating resource with policy '${p.name}': ${(e as Error).stack ?? e}`);
            }
        }
    }
}

/** Runs every resource policy over one resource. */
export async function analyzeResource(policies: Policies, resource: PolicyInput, options: RunOptions = {}): Promise<AnalysisResult> {
    const out: AnalysisResult = { diagnostics: [], notApplicable: [] };
    // Resource references become what the engine sends (an ID or a URN), as for a recorded graph.
    await analyzeOne(policies, toPolicyInputs([resource])[0], prepare(policies, options), out);
    return out;
}

function toPolicyResources(resources: readonly PolicyInput[]): PolicyResource[] {
    const built = resources.map((r) => {
        const { name, urn } = identityOf(r);
        const props = fromWire(r.props);
        const resource: PolicyResource = {
            type: r.type,
            props,
            urn,
            name,
            opts: optionsOf(r),
            dependencies: [],
            propertyDependencies: {},
            isType: (cls: any) => isTypeOf(r.type, cls),
            asType: ((cls: any) => (isTypeOf(r.type, cls) ? props : undefined)) as PolicyResource["asType"],
        };
        const provider = providerOf(r);
        if (provider) resource.provider = provider;
        return { resource, input: r };
    });
    const byUrn = new Map(built.map((b) => [b.resource.urn, b.resource]));
    for (const { resource, input } of built) {
        const parent = input.parent ?? input.options?.parent;
        if (parent && byUrn.has(parent)) resource.parent = byUrn.get(parent);
        resource.dependencies = (input.dependencies ?? []).map((u) => byUrn.get(u)).filter((d): d is PolicyResource => !!d);
        for (const [k, urns] of Object.entries(input.propertyDependencies ?? {})) {
            resource.propertyDependencies[k] = urns.map((u) => byUrn.get(u)).filter((d): d is PolicyResource => !!d);
        }
    }
    return built.map((b) => b.resource);
}

/** Runs every stack policy over a set of resources. */
export async function analyzeStack(policies: Policies, resources: readonly PolicyInput[], options: RunOptions = {}): Promise<AnalysisResult> {
    const prep = prepare(policies, options);
    const out: AnalysisResult = { diagnostics: [], notApplicable: [] };
    for (const p of policies) {
        const level = levelOf(p, prep);
        if (level === "disabled" || !isStackPolicy(p)) continue;
        const sp = p as StackValidationPolicy;
        const pulumiType = getPulumiType(sp.validateStack);
        if (pulumiType && !resources.some((r) => r.type === pulumiType)) {
            out.notApplicable.push({ policyName: p.name, reason: `Policy only applies to resources of type '${pulumiType}'` });
            continue;
        }
        const report = makeReporter(p, prep.pack, level, out.diagnostics);
        try {
            const args: StackValidationArgs = {
                resources: toPolicyResources(resources),
                getConfig: getConfigFun(p.name, prep),
                stackTags: prep.stackTags,
                notApplicable: throwNotApplicable,
            };
            await sp.validateStack(args, report);
        } catch (e) {
            if (e instanceof UnknownValueError) out.diagnostics.push(unknownDiagnostic(p, prep, e as Error));
            else if (e instanceof NotApplicableError) out.notApplicable.push({ policyName: p.name, reason: e.reason });
            else throw new Error(`Error validating stack with policy '${p.name}': ${(e as Error).stack ?? e}`);
        }
    }
    return out;
}

/** Runs the resource policies over each resource, then the stack policies over all: a whole preview. */
export async function analyzeAll(policies: Policies, resources: readonly PolicyInput[], options: RunOptions = {}): Promise<AnalysisResult> {
    const prep = prepare(policies, options);
    const out: AnalysisResult = { diagnostics: [], notApplicable: [] };
    const inputs = toPolicyInputs(resources);
    for (const r of inputs) await analyzeOne(policies, r, prep, out);
    const stack = await analyzeStack(policies, inputs, options);
    out.diagnostics.push(...stack.diagnostics);
    out.notApplicable.push(...stack.notApplicable);
    return out;
}

export type { AnalysisResult, Diagnostic, NotApplicable };
