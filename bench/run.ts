/**
 * `npm run bench`: each figure beside the floor the machinery sets or the peer users would pick,
 * measured in one run, interleaved, median of repeats. Prints one Markdown table, writes it as
 * bench/results.json, and exits 1 when a ratio misses its goal.
 *
 * - Over the Analyzer protocol (each pack booted as the engine boots it): our packs against
 *   throw-away packs of no-op policies (bench/floors.ts), on the same resources, 1 and 16 requests
 *   in flight.
 * - In-process: the runner over 1k, 10k and 100k generated workloads, each in a process of its own
 *   (bench/in-process.ts), rated per CPU second (one core) with its peak memory.
 * - Side by side: our AWS pack and @pulumi/awsguard on the same AWS resources.
 * - Large stacks: `bulwark preview` on generated programs of 10, 100 and 500 tenants, with and
 *   without the monitoring stack's charts (bench/large-stacks.ts): wall time split by phase, peak
 *   memory of every process, and whether cost grows linearly.
 *
 * BENCH_REPEATS (default 5) sets the repeats (large stacks: BENCH_STACK_REPEATS, default 3, and one
 * run of 500 tenants); BENCH_QUICK=1 runs one repeat, 1k workloads and no 500-tenant stack;
 * BENCH_ONLY=protocol,inprocess,stacks runs some sections only.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { type PolicyPackProcess, startPolicyPack } from "../preview/analyzer-client";
import type { AnalysisResult, PolicyInput } from "../preview/policy-runner";
import { awsguardPack, AWSGUARD_VERSION } from "./awsguard";
import { buildFloor } from "./floors";
import type { InProcessFigure } from "./in-process";
import { children, cpuSeconds } from "./process-tree";
import { LINEAR_GOAL, MEMORY_GOAL_MIB, STACK_GOALS, type StackRun, TENANT_COUNTS, chartCache, processName, programFloor, runStack } from "./large-stacks";
import { KUBERNETES_CONFIG, mixedResources } from "./resources";

const ROOT = path.resolve(__dirname, "..");
const QUICK = process.env.BENCH_QUICK === "1";
const REPEATS = QUICK ? 1 : Number(process.env.BENCH_REPEATS ?? 5);
const IN_FLIGHT = [1, 16] as const;
const SECTIONS = new Set((process.env.BENCH_ONLY ?? "protocol,inprocess,stacks").split(",").map((x) => x.trim()));
const STACK_REPEATS = QUICK ? 1 : Number(process.env.BENCH_STACK_REPEATS ?? 3);

interface Row {
    readonly figure: string;
    readonly value: string;
    readonly floor: string;
    /** Our cost over the floor's (wall time per resource), or the goal's rate over ours. */
    readonly ratio: number | undefined;
    /** The same for the pack process's CPU time alone. */
    readonly cpuRatio?: number;
    readonly goal: string;
    readonly met: boolean | undefined;
}

const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Sends the resources through the pack with `inFlight` requests outstanding. */
async function pass(pack: PolicyPackProcess, resources: readonly PolicyInput[], inFlight: number): Promise<AnalysisResult[]> {
    const results: AnalysisResult[] = new Array(resources.length);
    let next = 0;
    const worker = async () => {
        while (next < resources.length) {
            const i = next++;
            results[i] = await pack.analyze(resources[i]);
        }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    return results;
}

/** The pack process serving `dir` (a child of this process), for its CPU time. */
function packPid(dir: string): number | undefined {
    return (children().get(process.pid) ?? []).find((pid) => {
        try {
            return fs.readlinkSync(`/proc/${pid}/cwd`) === dir;
        } catch {
            return false; // The process ended while we looked.
        }
    });
}

/** CPU time (user + system) of a process so far, in µs; 0 where /proc is not there. */
function cpuMicros(pid: number | undefined): number {
    return pid === undefined ? 0 : cpuSeconds(pid) * 1e6;
}

interface Measured {
    /** Wall time per resource, µs: what the engine waits. */
    wall: number;
    /** CPU time of the pack process per resource, µs: what the pack itself spends. */
    cpu: number;
}

const CHUNK = 50;

/**
 * Our pack and its floor over the same resources, alternating every CHUNK resources (and which goes
 * first), so that a change in the machine's load falls on both alike.
 */
async function paired(ours: { pack: PolicyPackProcess; pid?: number }, floor: { pack: PolicyPackProcess; pid?: number }, resources: readonly PolicyInput[], inFlight: number) {
    const total = { ours: { wall: 0, cpu: 0 }, floor: { wall: 0, cpu: 0 } };
    for (let start = 0, k = 0; start < resources.length; start += CHUNK, k++) {
        const chunk = resources.slice(start, start + CHUNK);
        const sides = k % 2 === 0 ? (["ours", "floor"] as const) : (["floor", "ours"] as const);
        for (const side of sides) {
            const who = side === "ours" ? ours : floor;
            const cpu = cpuMicros(who.pid);
            const t = performance.now();
            await pass(who.pack, chunk, inFlight);
            total[side].wall += (performance.now() - t) * 1000;
            total[side].cpu += cpuMicros(who.pid) - cpu;
        }
    }
    const per = (m: { wall: number; cpu: number }): Measured => ({ wall: m.wall / resources.length, cpu: m.cpu / resources.length });
    return { ours: per(total.ours), floor: per(total.floor) };
}

interface Comparison {
    readonly figure: string;
    readonly pack: string;
    readonly floor: string;
    readonly resources: "kubernetes" | "aws";
    readonly goal: number;
}

interface Flagged {
    total: number;
    byType: Map<string, number>;
    policies: string[];
}

async function main() {
    const rows: Row[] = [];
    const samples: unknown[] = [];
    let flagged: { ours: Flagged; awsguard: Flagged } | undefined;
    if (SECTIONS.has("protocol")) {
        const protocol = await protocolRows();
        rows.push(...protocol.rows);
        samples.push(...protocol.samples);
        flagged = protocol.flagged;
    }
    if (SECTIONS.has("inprocess")) rows.push(...inProcessRows());
    if (SECTIONS.has("stacks")) rows.push(...(await stackRows()));
    report(rows, flagged, samples);
}

async function protocolRows(): Promise<{ rows: Row[]; flagged: { ours: Flagged; awsguard: Flagged }; samples: unknown[] }> {
    const { kubernetes, aws } = mixedResources();
    const sets = { kubernetes, aws };
    const { policies: kubernetesPolicies } = await import("../policy-packs/kubernetes/pack");
    const { policies: awsPolicies } = await import("../policy-packs/aws/pack");
    const resourceCount = (ps: readonly { kind: string }[]) => ps.filter((p) => p.kind === "resource").length;
    const nK = resourceCount(kubernetesPolicies);
    const nA = resourceCount(awsPolicies);

    const dirs: Record<string, string> = {
        kubernetes: path.join(ROOT, "policy-packs/kubernetes"),
        aws: path.join(ROOT, "policy-packs/aws"),
        "noop-1": buildFloor({ name: "noop-1", policies: 1, typed: false }),
        [`noop-${nK}`]: buildFloor({ name: `noop-${nK}`, policies: nK, typed: false }),
        [`noop-${nA}`]: buildFloor({ name: `noop-${nA}`, policies: nA, typed: false }),
        [`typed-noop-${nK}`]: buildFloor({ name: `typed-noop-${nK}`, policies: nK, typed: true }),
        [`typed-noop-${nA}`]: buildFloor({ name: `typed-noop-${nA}`, policies: nA, typed: true }),
        awsguard: awsguardPack(),
    };
    const packs: Record<string, { pack: PolicyPackProcess; pid?: number }> = {};
    for (const [name, dir] of Object.entries(dirs)) {
        const pack = await startPolicyPack(dir);
        await pack.configure(name === "kubernetes" ? KUBERNETES_CONFIG : {});
        packs[name] = { pack, pid: packPid(pack.dir) };
    }

    const comparisons: Comparison[] = [
        { figure: `kubernetes pack on the ${kubernetes.length} Kubernetes objects`, pack: "kubernetes", floor: `noop-${nK}`, resources: "kubernetes", goal: 1.1 },
        { figure: `aws pack on the ${aws.length} AWS resources`, pack: "aws", floor: `noop-${nA}`, resources: "aws", goal: 1.1 },
        { figure: `kubernetes pack on the ${aws.length} AWS resources (not its own)`, pack: "kubernetes", floor: "noop-1", resources: "aws", goal: 1.3 },
        { figure: `aws pack on the ${kubernetes.length} Kubernetes objects (not its own)`, pack: "aws", floor: "noop-1", resources: "kubernetes", goal: 1.3 },
        // The machinery's own floor for policies declared for one type: what a pack can reach at best.
        { figure: `${nK} no-ops each declared for another type, on the AWS resources`, pack: `typed-noop-${nK}`, floor: "noop-1", resources: "aws", goal: Infinity },
        { figure: `${nA} no-ops each declared for another type, on the Kubernetes objects`, pack: `typed-noop-${nA}`, floor: "noop-1", resources: "kubernetes", goal: Infinity },
        { figure: `aws pack beside @pulumi/awsguard ${AWSGUARD_VERSION} (every policy) on the ${aws.length} AWS resources`, pack: "aws", floor: "awsguard", resources: "aws", goal: Infinity },
    ];
    const pairs = comparisons.flatMap((c) => IN_FLIGHT.map((inFlight) => ({ c, inFlight, samples: [] as { ours: Measured; floor: Measured }[] })));
    for (const p of pairs) await paired(packs[p.c.pack], packs[p.c.floor], sets[p.c.resources], p.inFlight); // warm-up
    for (let rep = 0; rep < REPEATS; rep++) {
        // Each repeat runs every pair, starting one further along.
        const shift = rep % pairs.length;
        for (const p of [...pairs.slice(shift), ...pairs.slice(0, shift)]) p.samples.push(await paired(packs[p.c.pack], packs[p.c.floor], sets[p.c.resources], p.inFlight));
        console.error(`repeat ${rep + 1}/${REPEATS} done`);
    }

    const rows: Row[] = [];
    for (const { c, inFlight, samples } of pairs) {
        const ratio = median(samples.map((s) => s.ours.wall / s.floor.wall));
        const cpuRatio = median(samples.map((s) => s.ours.cpu / s.floor.cpu));
        const ours = median(samples.map((s) => s.ours.wall));
        const floor = median(samples.map((s) => s.floor.wall));
        const informative = !Number.isFinite(c.goal);
        rows.push({
            figure: `${c.figure}, ${inFlight} in flight`,
            value: `${ours.toFixed(0)} µs (pack CPU ${median(samples.map((s) => s.ours.cpu)).toFixed(0)} µs)`,
            floor: `${c.floor}: ${floor.toFixed(0)} µs (pack CPU ${median(samples.map((s) => s.floor.cpu)).toFixed(0)} µs)`,
            ratio,
            cpuRatio: Number.isFinite(cpuRatio) ? cpuRatio : undefined,
            goal: informative ? (c.floor === "awsguard" ? "(peer)" : "(floor)") : `<= ${c.goal}x`,
            met: informative ? undefined : ratio <= c.goal,
        });
    }

    // What each AWS pack flags on the same resources.
    const flags = async (pack: string) => {
        const results = await pass(packs[pack].pack, aws, 1);
        const byType = new Map<string, number>();
        let total = 0;
        results.forEach((r, i) => {
            const n = r.diagnostics.filter((d) => !/^can't run/.test(d.message)).length;
            total += n;
            byType.set(aws[i].type, (byType.get(aws[i].type) ?? 0) + n);
        });
        return { total, byType, policies: [...new Set(results.flatMap((r) => r.diagnostics.map((d) => d.policyName)))].sort() };
    };
    const flagged = { ours: await flags("aws"), awsguard: await flags("awsguard") };
    for (const p of Object.values(packs)) await p.pack.close();
    return { rows, flagged, samples: pairs.map((p) => ({ figure: p.c.figure, inFlight: p.inFlight, samples: p.samples })) };
}

/** In-process, each size in a process of its own. */
function inProcessRows(): Row[] {
    const rows: Row[] = [];
    for (const n of QUICK ? [1_000] : [1_000, 10_000, 100_000]) {
        const out = execFileSync(process.execPath, ["--import", "tsx", path.join(__dirname, "in-process.ts"), String(n)], { cwd: ROOT, encoding: "utf8" });
        const f = JSON.parse(out.trim().split("\n").pop()!) as InProcessFigure;
        rows.push({
            figure: `in-process runner, kubernetes pack, ${n.toLocaleString("en")} workloads (peak RSS ${f.peakRssMiB.toFixed(0)} MiB)`,
            value: `${f.perCpuSecond.toFixed(0)} /CPU-s (${f.perSecond.toFixed(0)} /s wall)`,
            floor: "goal 10,000 /s on one core (stretch 20,000)",
            ratio: 10_000 / f.perCpuSecond,
            goal: "<= 1x",
            met: f.perCpuSecond >= 10_000,
        });
    }
    return rows;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The median run (by wall time) of `repeats`. */
async function medianRun(tenants: number, monitoring: boolean, cache: string | undefined, repeats: number): Promise<StackRun> {
    const runs: StackRun[] = [];
    for (let i = 0; i < repeats; i++) {
        runs.push(await runStack(tenants, monitoring, cache));
        console.error(`large stack: ${tenants} tenants${monitoring ? " with monitoring" : ""}, run ${i + 1}/${repeats}: ${seconds(runs.at(-1)!.wallMs)}`);
    }
    return [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((runs.length - 1) / 2)];
}

/** The gate on generated programs of each size: time split, memory, linearity. */
async function stackRows(): Promise<Row[]> {
    const rows: Row[] = [];
    const cache = chartCache();
    if (!cache) console.error("large stacks: no chart cache (set BENCH_CHART_CACHE or put the charts in ../shared/charts); the monitoring variants are not measured");
    for (const monitoring of cache ? [false, true] : [false]) {
        const runs: StackRun[] = [];
        for (const tenants of TENANT_COUNTS) {
            if (QUICK && tenants === 500) continue;
            const run = await medianRun(tenants, monitoring, cache, tenants === 500 ? 1 : STACK_REPEATS);
            runs.push(run);
            // The floor: the same program alone under the offline engine, no pack.
            const floor = await programFloor(tenants, monitoring, cache);
            const floorText = `program alone ${seconds(floor.wallMs)}, ${floor.cpuSeconds.toFixed(1)} CPU-s, ${floor.memory.concurrentPeakMiB.toFixed(0)} MiB`;
            const t = run.timings;
            const what = `bulwark preview, ${tenants} tenants${monitoring ? " + monitoring charts" : ""} (${run.resources} resources, exit ${run.exitCode}, ${run.mandatory} mandatory, ${run.incomplete} not analyzed)`;
            const goal = STACK_GOALS[tenants as keyof typeof STACK_GOALS] as number | undefined;
            rows.push({
                figure: what,
                value:
                    `${seconds(run.wallMs)}: program ${seconds(t.program)}` +
                    (t.chartsRendered + t.chartRendersReused > 0 ? ` (Helm ${seconds(t.chartRendering)}, ${t.chartsRendered} charts rendered, ${t.chartRendersReused} reused)` : "") +
                    `, packs served at ${seconds(t.packBoot)}, analysis ${seconds(t.analysis)} alongside (${seconds(t.analysisAfterProgram)} after the program), configure ${seconds(t.configure)}; ${run.cpuSeconds.toFixed(1)} CPU-s`,
                floor: `${goal ? `goal ${seconds(goal)}; ` : ""}${floorText}`,
                ratio: goal ? run.wallMs / goal : undefined,
                goal: goal ? "<= 1x" : "",
                met: goal ? run.wallMs <= goal && run.exitCode === 0 : undefined,
            });
            const m = run.memory;
            const byProcess = [...m.processes].sort((a, b) => b.peakMiB - a.peakMiB).map((p) => `${processName(p.command)} ${p.peakMiB.toFixed(0)}`).join(", ");
            rows.push({
                figure: `peak memory, every process together, ${tenants} tenants${monitoring ? " + monitoring charts" : ""}`,
                value: `${m.concurrentPeakMiB.toFixed(0)} MiB at once (sum of each process's peak ${m.sumOfPeaksMiB.toFixed(0)} MiB: ${byProcess})`,
                floor: `${tenants === 500 ? `goal ${MEMORY_GOAL_MIB} MiB; ` : ""}program alone ${floor.memory.concurrentPeakMiB.toFixed(0)} MiB`,
                ratio: tenants === 500 ? m.concurrentPeakMiB / MEMORY_GOAL_MIB : undefined,
                goal: tenants === 500 ? "<= 1x" : "",
                met: tenants === 500 ? m.concurrentPeakMiB <= MEMORY_GOAL_MIB : undefined,
            });
        }
        if (runs.length >= 3) {
            const [a, b, c] = runs;
            const early = (b.wallMs - a.wallMs) / (b.resources - a.resources);
            const late = (c.wallMs - b.wallMs) / (c.resources - b.resources);
            rows.push({
                figure: `cost per added resource, ${b.tenants}-${c.tenants} tenants over ${a.tenants}-${b.tenants}${monitoring ? " + monitoring charts" : ""} (linear: 1x)`,
                value: `${late.toFixed(2)} ms per resource`,
                floor: `${early.toFixed(2)} ms per resource`,
                ratio: late / early,
                goal: `<= ${LINEAR_GOAL}x`,
                met: late / early <= LINEAR_GOAL,
            });
        }
    }
    return rows;
}

function report(rows: Row[], flagged: { ours: Flagged; awsguard: Flagged } | undefined, samples: unknown[]): void {
    const load = os.loadavg().map((l) => l.toFixed(1)).join(" ");
    const header = `${os.cpus().length} cores, load average ${load}; ${REPEATS} repeat(s) (large stacks ${STACK_REPEATS}, 500 tenants once), median; ratio = our wall time per resource over the floor's (the goal), pack CPU ratio = the same for the pack process's CPU time`;
    const table = [
        "| figure | ours | floor or peer | ratio | pack CPU ratio | goal | met |",
        "|---|---|---|---|---|---|---|",
        ...rows.map(
            (r) =>
                `| ${r.figure} | ${r.value} | ${r.floor} | ${r.ratio === undefined ? "" : `${r.ratio.toFixed(2)}x`} | ${r.cpuRatio === undefined ? "" : `${r.cpuRatio.toFixed(2)}x`} | ${r.goal} | ${r.met === undefined ? "" : r.met ? "yes" : "**no**"} |`,
        ),
    ].join("\n");
    const flagTable = !flagged ? "" : [
        `| AWS resource type | bulwark-aws violations | awsguard ${AWSGUARD_VERSION} violations |`,
        "|---|---|---|",
        ...[...flagged.ours.byType.keys()].map((t) => `| ${t} | ${flagged.ours.byType.get(t)} | ${flagged.awsguard.byType.get(t) ?? 0} |`),
        `| total | ${flagged.ours.total} | ${flagged.awsguard.total} |`,
    ].join("\n");
    console.log(`${header}\n\n${table}\n\n${flagTable}\n`);
    if (flagged) {
        console.log(`awsguard's policies that fired: ${flagged.awsguard.policies.join(", ") || "none"}`);
        console.log(`bulwark-aws policies that fired: ${flagged.ours.policies.join(", ") || "none"}`);
    }
    fs.writeFileSync(
        path.join(__dirname, "results.json"),
        `${JSON.stringify({ date: new Date().toISOString(), environment: header, rows, flagged: flagged && { ours: { ...flagged.ours, byType: Object.fromEntries(flagged.ours.byType) }, awsguard: { ...flagged.awsguard, byType: Object.fromEntries(flagged.awsguard.byType) } }, samples }, null, 2)}\n`,
    );
    const missed = rows.filter((r) => r.met === false);
    if (missed.length > 0) {
        console.error(`${missed.length} goal(s) missed: ${missed.map((r) => r.figure).join("; ")}`);
        process.exit(1);
    }
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
