/**
 * Analysis of a resource graph by policy packs as the engine analyzes it during a preview: every
 * resource goes to Analyze as it is registered, several requests in flight, every pack at once;
 * once the program is done, the whole graph goes to AnalyzeStack.
 *
 * Each resource is encoded once and the same bytes go to every pack. AnalyzeRequest and
 * AnalyzerResource share their first six fields (type, properties, urn, name, options, provider), so
 * a resource's entry in AnalyzeStack is its Analyze request followed by its parent and dependencies
 * (a message's fields may come in any order, and concatenated encodings merge).
 */
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { PolicyPackProcess } from "./analyzer-client";
import { type AnalyzableResource, type PolicyInput, identityOf, isRecorded, toPolicyInput, toPolicyInputs } from "./policy-runner";
import type { AnalysisResult, RecordedResource } from "./types";
import { toStruct } from "./struct";

/** Requests each pack gets at once, as the engine's steps run in parallel (`--parallel`). */
export const DEFAULT_IN_FLIGHT = 16;


function optionsMessage(r: PolicyInput): analyzerproto.AnalyzerResourceOptions {
    const options = r.options ?? {};
    const o = new analyzerproto.AnalyzerResourceOptions();
    o.setProtect(options.protect ?? false);
    o.setIgnorechangesList([...(options.ignoreChanges ?? [])]);
    o.setAliasesList([...(options.aliases ?? [])]);
    o.setAdditionalsecretoutputsList([...(options.additionalSecretOutputs ?? [])]);
    if (options.deleteBeforeReplace !== undefined) {
        o.setDeletebeforereplacedefined(true);
        o.setDeletebeforereplace(options.deleteBeforeReplace);
    }
    const t = new analyzerproto.AnalyzerResourceOptions.CustomTimeouts();
    t.setCreate(options.customTimeouts?.createSeconds ?? 0);
    t.setUpdate(options.customTimeouts?.updateSeconds ?? 0);
    t.setDelete(options.customTimeouts?.deleteSeconds ?? 0);
    o.setCustomtimeouts(t);
    const parent = r.parent ?? options.parent;
    if (parent) o.setParent(parent);
    return o;
}

/** The engine sends the provider's own inputs with each resource; `known` keeps each provider's message for the next resource. */
function providerMessage(r: PolicyInput, known?: Map<string, analyzerproto.AnalyzerProviderResource>): analyzerproto.AnalyzerProviderResource | undefined {
    if (!r.provider) return undefined;
    const cached = known?.get(r.provider.urn);
    if (cached) return cached;
    const m = new analyzerproto.AnalyzerProviderResource();
    m.setType(r.provider.type);
    m.setName(r.provider.name);
    m.setUrn(r.provider.urn);
    m.setProperties(toStruct(r.provider.props));
    known?.set(r.provider.urn, m);
    return m;
}

/** One resource, encoded: its Analyze request, and what its AnalyzeStack entry adds to it. */
export interface EncodedResource {
    readonly urn: string;
    readonly analyze: Buffer;
    readonly links: Buffer;
}

export interface EncodeOptions {
    /** `r.props` as a Struct already (the inputs as the program sent them): used as it is. */
    readonly props?: Struct;
    /** Provider messages by URN, filled as providers are met: a provider's inputs are encoded once. */
    readonly providers?: Map<string, analyzerproto.AnalyzerProviderResource>;
}

export function encodeResource(r: PolicyInput, options: EncodeOptions = {}): EncodedResource {
    const { name, urn } = identityOf(r);
    const m = new analyzerproto.AnalyzeRequest();
    m.setType(r.type);
    m.setName(name);
    m.setUrn(urn);
    m.setProperties(options.props ?? toStruct(r.props));
    m.setOptions(optionsMessage(r));
    const provider = providerMessage(r, options.providers);
    if (provider) m.setProvider(provider);

    const links = new analyzerproto.AnalyzerResource();
    const parent = r.parent ?? r.options?.parent;
    if (parent) links.setParent(parent);
    links.setDependenciesList([...(r.dependencies ?? [])]);
    const deps = links.getPropertydependenciesMap();
    for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
        const d = new analyzerproto.AnalyzerPropertyDependencies();
        d.setUrnsList([...urns]);
        deps.set(k, d);
    }
    return { urn, analyze: Buffer.from(m.serializeBinary()), links: Buffer.from(links.serializeBinary()) };
}

/** Protobuf's length-delimited field header: tag (field number, wire type 2) and varint length. */
function lengthDelimited(field: number, length: number): Buffer {
    const bytes = [(field << 3) | 2];
    for (let n = length; ; n = Math.floor(n / 128)) {
        if (n < 128) {
            bytes.push(n);
            break;
        }
        bytes.push((n % 128) | 128);
    }
    return Buffer.from(bytes);
}

/** An AnalyzeStackRequest (field 1: the resources) of encoded resources. */
export function encodeStackRequest(resources: readonly EncodedResource[]): Buffer {
    return Buffer.concat(resources.flatMap((r) => [lengthDelimited(1, r.analyze.length + r.links.length), r.analyze, r.links]));
}

/**
 * A graph analyzed as it grows: `add` each resource as it is registered; once packs are given
 * (`start`, configured), each resource goes to every pack, `inFlight` at a time. `finish` waits for
 * the last answer; `stack` runs AnalyzeStack; `results` gives each pack's diagnostics in the
 * graph's order.
 */
export class GraphAnalysis {
    private readonly encoded: EncodedResource[] = [];
    private readonly providers = new Map<string, RecordedResource>();
    private readonly providerMessages = new Map<string, analyzerproto.AnalyzerProviderResource>();
    private packs: readonly PolicyPackProcess[] = [];
    private answers: AnalysisResult[][] = [];
    private next = 0;
    private closed = false;
    private failure: unknown;
    private wake: (() => void)[] = [];
    private workers: Promise<void>[] = [];
    private firstRequest: number | undefined;
    private lastAnswer: number | undefined;

    constructor(private readonly inFlight = DEFAULT_IN_FLIGHT) {}

    /**
     * A resource as it is registered; its provider, if it has one, was registered before it.
     * `inputs`: its inputs as the program sent them, encoded as they are when nothing in them changes.
     */
    add(r: AnalyzableResource, inputs?: Struct): void {
        if (isRecorded(r) && r.isProvider) this.providers.set(r.urn, r);
        const input = toPolicyInput(r, this.providers);
        this.addInput(input, inputs && isRecorded(r) && input.props === r.inputs ? inputs : undefined);
    }

    /** A resource already made a policy input (`toPolicyInputs`), with its props as a Struct if there is one. */
    addInput(input: PolicyInput, props?: Struct): void {
        try {
            this.encoded.push(encodeResource(input, { providers: this.providerMessages, ...(props ? { props } : {}) }));
        } catch (e) {
            this.failure ??= e;
        }
        this.signal();
    }

    get size(): number {
        return this.encoded.length;
    }

    /** Starts analyzing with these packs, already configured; what was added so far goes first. */
    start(packs: readonly PolicyPackProcess[]): void {
        this.packs = packs;
        this.answers = packs.map(() => []);
        this.workers = Array.from({ length: Math.max(1, this.inFlight) }, () => this.work());
    }

    /** Waits until every resource added has been analyzed by every pack; the first failure is thrown. */
    async finish(): Promise<void> {
        this.closed = true;
        this.signal();
        await Promise.all(this.workers);
        if (this.failure !== undefined) throw this.failure;
    }

    /** Milliseconds from the first Analyze request to the last answer. */
    get analyzeMs(): number {
        return this.firstRequest === undefined || this.lastAnswer === undefined ? 0 : this.lastAnswer - this.firstRequest;
    }

    /** Analyzes again, with pack `k`, the resources at `indices` (after a new Configure). */
    async reanalyze(k: number, indices: readonly number[]): Promise<void> {
        let i = 0;
        const worker = async () => {
            while (i < indices.length) {
                const at = indices[i++];
                this.answers[k][at] = await this.packs[k].analyzeEncoded(this.encoded[at].analyze, this.encoded[at].urn);
            }
        };
        await Promise.all(Array.from({ length: Math.max(1, Math.min(this.inFlight, indices.length)) }, worker));
    }

    /** Indices of the resources pack `k` reported anything about. */
    reported(k: number): number[] {
        return this.answers[k].flatMap((a, i) => (a.diagnostics.length > 0 ? [i] : []));
    }

    /** AnalyzeStack on the whole graph, every pack at once. */
    stack(): Promise<AnalysisResult[]> {
        const request = encodeStackRequest(this.encoded);
        return Promise.all(this.packs.map((p) => p.analyzeStackEncoded(request)));
    }

    /** Each pack's per-resource answers, in the graph's order, followed by its stack answer. */
    results(stacks: readonly AnalysisResult[]): AnalysisResult[] {
        return this.packs.map((_, k) => ({
            diagnostics: [...this.answers[k].flatMap((r) => r.diagnostics), ...stacks[k].diagnostics],
            notApplicable: [...this.answers[k].flatMap((r) => r.notApplicable), ...stacks[k].notApplicable],
        }));
    }

    private signal(): void {
        const waiting = this.wake;
        this.wake = [];
        for (const w of waiting) w();
    }

    private async work(): Promise<void> {
        for (;;) {
            if (this.failure !== undefined) return;
            if (this.next < this.encoded.length) {
                const i = this.next++;
                const r = this.encoded[i];
                this.firstRequest ??= performance.now();
                try {
                    await Promise.all(this.packs.map(async (p, k) => (this.answers[k][i] = await p.analyzeEncoded(r.analyze, r.urn))));
                } catch (e) {
                    this.failure ??= e;
                    this.signal();
                    return;
                }
                this.lastAnswer = performance.now();
            } else if (this.closed) {
                return;
            } else {
                await new Promise<void>((resolve) => this.wake.push(resolve));
            }
        }
    }
}

/**
 * What a preview does once the graph is known, for every pack at once: Analyze on every resource,
 * then AnalyzeStack on them all. One result per pack, diagnostics in the graph's order.
 */
export async function analyzeGraphs(
    packs: readonly PolicyPackProcess[],
    resources: readonly AnalyzableResource[],
    options: { readonly inFlight?: number } = {},
): Promise<AnalysisResult[]> {
    const analysis = new GraphAnalysis(Math.min(options.inFlight ?? DEFAULT_IN_FLIGHT, Math.max(1, resources.length)));
    for (const input of toPolicyInputs(resources)) analysis.addInput(input);
    analysis.start(packs);
    await analysis.finish();
    return analysis.results(await analysis.stack());
}
