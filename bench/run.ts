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
 *
 * BENCH_REPEATS (default 5) sets the repeats; BENCH_QUICK=1 runs one repeat and 1k workloads only.
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
import { KUBERNETES_CONFIG, mixedResources } from "./resources";

const ROOT = path.resolve(__dirname, "..");
const QUICK = process.env.BENCH_QUICK === "1";
const REPEATS = QUICK ? 1 : Number(process.env.BENCH_REPEATS ?? 5);
const IN_FLIGHT = [1, 16] as const;

interface Row {
    readonly figure: string;
    readonly value: string;
    readonly floor: string;
    /** Our cost over the floor's (time per resource), or the floor's goal over our rate. */
    readonly ratio: number | undefined;
    readonly goal: string;
    readonly met: boolean | undefined;
}

const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Sends every resource through the pack with `inFlight` requests outstanding; returns µs per resource. */
async function pass(pack: PolicyPackProcess, resources: readonly PolicyInput[], inFlight: number): Promise<{ usPerResource: number; results: AnalysisResult[] }> {
    const results: AnalysisResult[] = new Array(resources.length);
    let next = 0;
    const worker = async () => {
        while (next < resources.length) {
            const i = next++;
            results[i] = await pack.analyze(resources[i]);
        }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: inFlight }, worker));
    return { usPerResource: ((performance.now() - start) * 1000) / resources.length, results };
}

interface Comparison {
    readonly figure: string;
    readonly pack: string;
    readonly floor: string;
    readonly resources: "kubernetes" | "aws";
    readonly goal: number;
}

async function main() {
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
    const packs: Record<string, PolicyPackProcess> = {};
    for (const [name, dir] of Object.entries(dirs)) {
        packs[name] = await startPolicyPack(dir);
        await packs[name].configure(name === "kubernetes" ? KUBERNETES_CONFIG : {});
    }

    const comparisons: Comparison[] = [
        { figure: `kubernetes pack on the ${kubernetes.length} Kubernetes objects`, pack: "kubernetes", floor: `noop-${nK}`, resources: "kubernetes", goal: 1.1 },
        { figure: `aws pack on the ${aws.length} AWS resources`, pack: "aws", floor: `noop-${nA}`, resources: "aws", goal: 1.1 },
        { figure: `kubernetes pack on the ${aws.length} AWS resources (not its own)`, pack: "kubernetes", floor: "noop-1", resources: "aws", goal: 1.3 },
        { figure: `aws pack on the ${kubernetes.length} Kubernetes objects (not its own)`, pack: "aws", floor: "noop-1", resources: "kubernetes", goal: 1.3 },
        // The machinery's own floor for policies declared for one type: what our packs can reach at best.
        { figure: `${nK} no-ops each declared for another type, on AWS resources`, pack: `typed-noop-${nK}`, floor: "noop-1", resources: "aws", goal: Infinity },
        { figure: `${nA} no-ops each declared for another type, on Kubernetes objects`, pack: `typed-noop-${nA}`, floor: "noop-1", resources: "kubernetes", goal: Infinity },
    ];
    // Every (pack, resources, in flight) measured, interleaved: each repeat runs them all, in a rotated order.
    const runs = new Map<string, { pack: string; resources: "kubernetes" | "aws"; inFlight: number; samples: number[] }>();
    const key = (pack: string, resources: string, inFlight: number) => `${pack}|${resources}|${inFlight}`;
    for (const c of comparisons) {
        for (const inFlight of IN_FLIGHT) {
            for (const pack of [c.pack, c.floor]) runs.set(key(pack, c.resources, inFlight), { pack, resources: c.resources, inFlight, samples: [] });
        }
    }
    runs.set(key("awsguard", "aws", 1), { pack: "awsguard", resources: "aws", inFlight: 1, samples: [] });
    const order = [...runs.values()];
    for (const r of order) await pass(packs[r.pack], sets[r.resources], r.inFlight); // warm-up
    for (let rep = 0; rep < REPEATS; rep++) {
        const shift = (rep * 7) % order.length;
        for (const r of [...order.slice(shift), ...order.slice(0, shift)]) r.samples.push((await pass(packs[r.pack], sets[r.resources], r.inFlight)).usPerResource);
        console.error(`repeat ${rep + 1}/${REPEATS} done`);
    }
    const us = (pack: string, resources: string, inFlight: number) => median(runs.get(key(pack, resources, inFlight))!.samples);

    const rows: Row[] = [];
    for (const c of comparisons) {
        for (const inFlight of IN_FLIGHT) {
            const ours = us(c.pack, c.resources, inFlight);
            const floor = us(c.floor, c.resources, inFlight);
            const ratio = ours / floor;
            const informative = !Number.isFinite(c.goal);
            rows.push({
                figure: `${c.figure}, ${inFlight} in flight`,
                value: `${ours.toFixed(0)} µs/resource`,
                floor: `${c.floor}: ${floor.toFixed(0)} µs`,
                ratio,
                goal: informative ? "(floor)" : `<= ${c.goal}x`,
                met: informative ? undefined : ratio <= c.goal,
            });
        }
    }

    // Side by side with awsguard: cost per resource and what each flags.
    const ours = us("aws", "aws", 1);
    const theirs = us("awsguard", "aws", 1);
    rows.push({
        figure: `aws pack beside @pulumi/awsguard ${AWSGUARD_VERSION} on the ${aws.length} AWS resources, 1 in flight`,
        value: `${ours.toFixed(0)} µs/resource`,
        floor: `awsguard: ${theirs.toFixed(0)} µs`,
        ratio: ours / theirs,
        goal: "(peer)",
        met: undefined,
    });
    const flags = async (pack: string) => {
        const { results } = await pass(packs[pack], aws, 1);
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
    for (const p of Object.values(packs)) await p.close();

    // In-process, each size in a process of its own.
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

    const load = os.loadavg().map((l) => l.toFixed(1)).join(" ");
    const header = `${os.cpus().length} cores, load average ${load}; ${REPEATS} repeat(s), median; cost = time per resource, ratio = ours / floor`;
    const table = [
        "| figure | ours | floor or peer | ratio | goal | met |",
        "|---|---|---|---|---|---|",
        ...rows.map((r) => `| ${r.figure} | ${r.value} | ${r.floor} | ${r.ratio === undefined ? "" : `${r.ratio.toFixed(2)}x`} | ${r.goal} | ${r.met === undefined ? "" : r.met ? "yes" : "**no**"} |`),
    ].join("\n");
    const flagTable = [
        `| AWS resource type | bulwark-aws violations | awsguard ${AWSGUARD_VERSION} violations |`,
        "|---|---|---|",
        ...[...flagged.ours.byType.keys()].map((t) => `| ${t} | ${flagged.ours.byType.get(t)} | ${flagged.awsguard.byType.get(t) ?? 0} |`),
        `| total | ${flagged.ours.total} | ${flagged.awsguard.total} |`,
    ].join("\n");
    console.log(`${header}\n\n${table}\n\n${flagTable}\n`);
    console.log(`awsguard's policies that fired: ${flagged.awsguard.policies.join(", ") || "none"}`);
    console.log(`bulwark-aws policies that fired: ${flagged.ours.policies.join(", ") || "none"}`);
    fs.writeFileSync(
        path.join(__dirname, "results.json"),
        `${JSON.stringify({ date: new Date().toISOString(), environment: header, rows, flagged: { ...flagged, ours: { ...flagged.ours, byType: Object.fromEntries(flagged.ours.byType) }, awsguard: { ...flagged.awsguard, byType: Object.fromEntries(flagged.awsguard.byType) } }, samples: [...runs.values()] }, null, 2)}\n`,
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
