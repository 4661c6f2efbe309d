/**
 * The fuzzer's properties over every policy of both packs, run in-process through the engine's own
 * argument building (and, for a sample, over the Analyzer protocol against the real pack process):
 *
 * - no policy throws: a malformed input gets a violation or nothing, never a crash of the preview;
 * - verdicts are deterministic;
 * - a value made unknown at preview never adds a mandatory violation (so an unknown is never a
 *   mandatory violation by itself, and hiding a known insecure value cannot make things worse);
 * - every pod-bearing kind gets the same Pod Security verdict as the bare Pod with the same spec
 *   (patch kinds as the Pod patch).
 *
 * `npm run fuzz` and the short run in `npm test` share these definitions.
 */
import fc from "fast-check";
import type { ResourceFixture } from "../../policy-packs/common/fixtures";
import type { BulwarkPolicy } from "../../policy-packs/common/policy";
import type { PolicyPackProcess } from "../../preview/analyzer-client";
import { analyzeResource, analyzeStack } from "../../preview/policy-runner";
import type { Diagnostic } from "../../preview/types";
import { UNKNOWN } from "../../preview/types";
import { PACKS } from "../policy-packs/packs";
import {
    type Edit,
    POD_BEARING_TYPES,
    POD_PATCH_TYPE,
    POD_PATCH_TYPES,
    POD_TYPE,
    type Seed,
    edits,
    mutate,
    pathsOf,
    podBearing,
    podSpec,
    seedCorpus,
    setAt,
} from "./arbitraries";

export interface FuzzContext {
    readonly seeds: readonly Seed[];
    /** Booted packs by folder name, for the properties that go over the Analyzer protocol. */
    readonly processes?: Readonly<Record<string, PolicyPackProcess>>;
}

export interface FuzzProperty {
    readonly name: string;
    readonly description: string;
    /** Share of the total runs this property gets (it costs more or less per case). */
    readonly weight: number;
    /** Needs booted packs (`FuzzContext.processes`). */
    readonly overProtocol?: boolean;
    /** Runs only when asked for by name. */
    readonly optIn?: boolean;
    build(ctx: FuzzContext): fc.IAsyncPropertyWithHooks<any>;
}

/** Counters the properties keep while they run, for the closing figures. */
export const tally = { analyses: 0, unknownCausedMandatory: 0, throws: 0 };

const policiesOf = (pack: string): BulwarkPolicy[] => [...PACKS[pack].policies];

function optionsFor(seed: Pick<Seed, "pack" | "policy" | "config">) {
    return { packName: PACKS[seed.pack].packName, config: seed.config ? { [seed.policy]: seed.config } : {} };
}

/** Runs every policy of the seed's pack over `resource` (and its stack, if it came from one). */
async function verdict(seed: Seed, resource: ResourceFixture): Promise<Diagnostic[]> {
    tally.analyses++;
    const options = optionsFor(seed);
    try {
        const own = await analyzeResource(policiesOf(seed.pack), resource, options);
        if (!seed.stack) return own.diagnostics;
        const stack = seed.stack.map((r) => (r === seed.resource ? resource : r));
        const whole = await analyzeStack(policiesOf(seed.pack), stack, options);
        return [...own.diagnostics, ...whole.diagnostics];
    } catch (e) {
        tally.throws++;
        throw e;
    }
}

/** Mandatory violations per policy. */
function mandatoryCounts(ds: readonly Diagnostic[]): Map<string, number> {
    const out = new Map<string, number>();
    for (const d of ds) if (d.enforcementLevel === "mandatory") out.set(d.policyName, (out.get(d.policyName) ?? 0) + 1);
    return out;
}

/** Makes the value at one path of `known` unknown and checks that no mandatory violation appears. */
async function unknownNeverAdds(seed: Seed, known: ResourceFixture, at: number): Promise<void> {
    const paths = pathsOf(known.props);
    if (paths.length === 0) return;
    const p = paths[at % paths.length];
    const unknown = { ...known, props: setAt(known.props, p, UNKNOWN) };
    const before = mandatoryCounts(await verdict(seed, known));
    const after = mandatoryCounts(await verdict(seed, unknown));
    const added = [...after].filter(([policy, n]) => n > (before.get(policy) ?? 0));
    if (added.length > 0) {
        tally.unknownCausedMandatory += added.length;
        throw new Error(`making props.${p.join(".")} unknown added mandatory violations: ${added.map(([k, n]) => `${k} (${before.get(k) ?? 0} -> ${n})`).join(", ")}`);
    }
}

function podSeed(resource: ResourceFixture): Seed {
    return { pack: "kubernetes", policy: "pss-baseline-privileged", resource };
}

const seedIndex = (ctx: FuzzContext) => fc.nat({ max: ctx.seeds.length - 1 });
const mutated = (seed: Seed, list: readonly Edit[]): ResourceFixture => ({ ...seed.resource, props: mutate(seed.resource.props, list) });

export const PROPERTIES: readonly FuzzProperty[] = [
    {
        name: "no-throw",
        description: "no policy throws on a mutated resource of any type either pack judges",
        weight: 5,
        build: (ctx) =>
            fc.asyncProperty(seedIndex(ctx), edits, async (i, list) => {
                await verdict(ctx.seeds[i], mutated(ctx.seeds[i], list));
            }),
    },
    {
        name: "deterministic",
        description: "the same input gets the same diagnostics, in the same order",
        weight: 1,
        build: (ctx) =>
            fc.asyncProperty(seedIndex(ctx), edits, async (i, list) => {
                const r = mutated(ctx.seeds[i], list);
                const [a, b] = [await verdict(ctx.seeds[i], r), await verdict(ctx.seeds[i], structuredClone(r))];
                if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`verdicts differ:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
            }),
    },
    {
        name: "unknown-never-adds",
        description: "making any value of a well-typed resource (every fixture, generated pods) unknown never adds a mandatory violation",
        weight: 3,
        build: (ctx) =>
            fc.asyncProperty(
                fc.oneof(
                    { weight: 3, arbitrary: seedIndex(ctx).map((i) => ctx.seeds[i]) },
                    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...POD_BEARING_TYPES, ...POD_PATCH_TYPES), podSpec).map(([type, spec]) => podSeed(podBearing(type, spec))) },
                ),
                fc.nat(),
                async (seed, at) => unknownNeverAdds(seed, seed.resource, at),
            ),
    },
    {
        name: "unknown-never-adds-malformed",
        description: "the same after hostile mutations (opt-in: --property unknown-never-adds-malformed)",
        weight: 3,
        optIn: true,
        build: (ctx) =>
            fc.asyncProperty(seedIndex(ctx), edits, fc.nat(), async (i, list, at) => unknownNeverAdds(ctx.seeds[i], mutated(ctx.seeds[i], list), at)),
    },
    {
        name: "pod-bearing-equivalence",
        description: "every pod-bearing kind (and patch kind) gets the bare Pod's (Pod patch's) Pod Security verdict",
        weight: 1,
        build: () => {
            const pss = policiesOf("kubernetes").filter((p) => p.name.startsWith("pss-"));
            const judge = async (r: ResourceFixture) => {
                tally.analyses++;
                const { diagnostics } = await analyzeResource(pss, r, { packName: "bulwark-kubernetes" });
                return diagnostics.map((d) => `${d.policyName}:${d.enforcementLevel}`).sort().join(",");
            };
            const annotations = fc.option(
                fc.constantFrom<Record<string, string>>(
                    { "container.apparmor.security.beta.kubernetes.io/app": "unconfined" },
                    { "seccomp.security.alpha.kubernetes.io/pod": "unconfined" },
                ),
                { nil: undefined },
            );
            return fc.asyncProperty(podSpec, annotations, async (spec, notes) => {
                const pod = await judge(podBearing(POD_TYPE, spec, notes));
                const patch = await judge(podBearing(POD_PATCH_TYPE, spec, notes));
                for (const type of [...POD_BEARING_TYPES, ...POD_PATCH_TYPES]) {
                    const expected = POD_PATCH_TYPES.includes(type) ? patch : pod;
                    const got = await judge(podBearing(type, spec, notes));
                    if (got !== expected) throw new Error(`${type} got [${got}], the bare ${POD_PATCH_TYPES.includes(type) ? "Pod patch" : "Pod"} got [${expected}]`);
                }
            });
        },
    },
    {
        name: "protocol-agreement",
        description: "over the Analyzer protocol, the real pack answers a mutated resource as the in-process runner does",
        weight: 0.05,
        overProtocol: true,
        build: (ctx) =>
            fc.asyncProperty(seedIndex(ctx), edits, async (i, list) => {
                const seed = ctx.seeds[i];
                const r = mutated(seed, list);
                const pack = ctx.processes![seed.pack];
                await pack.configure(optionsFor(seed).config);
                tally.analyses++;
                const remote = (await pack.analyze(r)).diagnostics;
                const local = (await analyzeResource(policiesOf(seed.pack), r, optionsFor(seed))).diagnostics;
                // UTF-8 on the wire cannot carry a lone surrogate (a JSON error may quote one): compare without them.
                const wellFormed = (m: string) => m.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "");
                const key = (ds: readonly Diagnostic[]) =>
                    JSON.stringify(ds.map((d) => [d.policyName, d.enforcementLevel, wellFormed(d.message).replace(/^can't run .*during preview: .*/, "can't run")]));
                if (key(remote) !== key(local)) throw new Error(`over the protocol:\n${key(remote)}\nin-process:\n${key(local)}`);
            }),
    },
];

export interface PropertyResult {
    readonly name: string;
    readonly cases: number;
    readonly failure?: { readonly seed: number; readonly path: string; readonly counterexample: string; readonly error: string };
}

/** Runs one property; a failure carries the seed and path that replay it. */
export async function runProperty(
    prop: FuzzProperty,
    ctx: FuzzContext,
    params: { numRuns: number; seed?: number; path?: string },
): Promise<PropertyResult> {
    const details = await fc.check(prop.build(ctx), { numRuns: params.numRuns, seed: params.seed, path: params.path, endOnFailure: false });
    if (!details.failed) return { name: prop.name, cases: details.numRuns };
    const counterexample = JSON.stringify(details.counterexample, (_, v) => (typeof v === "string" && v.length > 200 ? `${v.slice(0, 200)}...` : v));
    return {
        name: prop.name,
        cases: details.numRuns,
        failure: {
            seed: details.seed,
            path: details.counterexamplePath ?? "",
            counterexample: counterexample.length > 4000 ? `${counterexample.slice(0, 4000)}...` : counterexample,
            error: String((details.errorInstance as Error | undefined)?.message ?? "failed"),
        },
    };
}

export function fuzzContext(processes?: Record<string, PolicyPackProcess>): FuzzContext {
    return { seeds: seedCorpus(), processes };
}
