/**
 * Large stacks through the gate as users run it: `bulwark preview` (the built command) on generated
 * programs of 10, 100 and 500 tenants (bench/stacks.ts), with and without the monitoring stack's
 * charts, each in a process tree of its own whose memory and CPU are sampled from /proc. Wall time
 * is split as the preview reports it (`timings` in its JSON): the program's run (chart rendering
 * within it), pack boot, configure, analysis (which runs while the program registers resources) and
 * what was left of it once the program was done.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import type { JsonReport } from "../preview/output/json";
import { type TreeMemory, watchTree } from "./process-tree";
import { TENANT_COUNTS, writeTenantProject } from "./stacks";

const ROOT = path.resolve(__dirname, "..");
const CLI = path.join(ROOT, "build", "preview", "cli.js");

export interface StackRun {
    readonly tenants: number;
    readonly monitoring: boolean;
    readonly resources: number;
    readonly exitCode: number | null;
    /** Wall time of the whole command, ms. */
    readonly wallMs: number;
    readonly timings: NonNullable<JsonReport["timings"]>;
    readonly memory: TreeMemory;
    /** CPU seconds of every process of the run. */
    readonly cpuSeconds: number;
    readonly mandatory: number;
    readonly incomplete: number;
}

/** The chart cache the monitoring stack's charts come from: BENCH_CHART_CACHE, else ../shared/charts. */
export function chartCache(): string | undefined {
    const dir = process.env.BENCH_CHART_CACHE ?? path.join(ROOT, "..", "shared", "charts");
    return fs.existsSync(path.join(dir, "index.yaml")) ? dir : undefined;
}

/**
 * The dev stack's policy settings (its approved registries and the MonitoringStack's accepted
 * requests), with the registry every generated workload pulls from approved too, so the stack passes.
 */
function benchSettings(): string {
    const settings = yaml.load(fs.readFileSync(path.join(ROOT, "stacks", "policy.dev.yaml"), "utf8"), { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;
    settings.allowedRegistries = [...((settings.allowedRegistries as string[] | undefined) ?? []), "registry.example.com"];
    return yaml.dump(settings, { schema: yaml.CORE_SCHEMA });
}

/** One run of the gate on the generated program. */
export async function runStack(tenants: number, monitoring: boolean, cache: string | undefined): Promise<StackRun> {
    const dir = writeTenantProject({ tenants, monitoring });
    fs.writeFileSync(path.join(dir, "policy.bench.yaml"), benchSettings());
    const json = path.join(os.tmpdir(), `bulwark-bench-${process.pid}-${tenants}${monitoring ? "-monitoring" : ""}.json`);
    const args = [CLI, "preview", "--project", dir, "--stack", "bench", "--json", json, ...(cache ? ["--chart-cache", cache] : [])];
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    const watch = watchTree(child.pid!);
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
    const exitCode = await new Promise<number | null>((resolve) => child.on("close", resolve));
    const wallMs = performance.now() - start;
    const memory = watch.stop();
    if (!fs.existsSync(json)) throw new Error(`bulwark preview on ${dir} wrote no JSON (exit ${exitCode}):\n${stderr}`);
    const report = JSON.parse(fs.readFileSync(json, "utf8")) as JsonReport;
    fs.rmSync(json, { force: true });
    if (!report.timings) throw new Error(`bulwark preview on ${dir} reported no timings`);
    return {
        tenants,
        monitoring,
        resources: report.summary.resources,
        exitCode,
        wallMs,
        timings: report.timings,
        memory,
        cpuSeconds: memory.processes.reduce((a, p) => a + p.cpuSeconds, 0),
        mandatory: report.summary.mandatory,
        incomplete: report.summary.incomplete,
    };
}

export interface ProgramFloor {
    readonly resources: number;
    readonly wallMs: number;
    readonly memory: TreeMemory;
    readonly cpuSeconds: number;
}

/** The program alone under the offline engine, no pack: what the SDK itself costs (bench/program-floor.ts). */
export async function programFloor(tenants: number, monitoring: boolean, cache: string | undefined): Promise<ProgramFloor> {
    const dir = writeTenantProject({ tenants, monitoring });
    const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "program-floor.ts"), dir, "bench", ...(cache && monitoring ? [cache] : [])], {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"],
    });
    const watch = watchTree(child.pid!);
    let out = "";
    let err = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    child.stderr.on("data", (b: Buffer) => (err = (err + b.toString()).slice(-4000)));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    const memory = watch.stop();
    if (code !== 0) throw new Error(`the program floor for ${dir} failed (exit ${code}):\n${err}`);
    const { resources, wallMs } = JSON.parse(out.trim().split("\n").pop()!) as { resources: number; wallMs: number };
    // The benchmark's own process (tsx, the offline engine) is the gate's share, not the program's.
    const program = memory.processes.filter((p) => processName(p.command) === "program");
    return {
        resources,
        wallMs,
        memory: { processes: program, sumOfPeaksMiB: program.reduce((a, p) => a + p.peakMiB, 0), concurrentPeakMiB: Math.max(0, ...program.map((p) => p.peakMiB)) },
        cpuSeconds: program.reduce((a, p) => a + p.cpuSeconds, 0),
    };
}

/** A process's part in a run, from its command line. */
export function processName(command: string): string {
    if (command.includes("run-policy-pack")) return "pack";
    if (/cmd[\\/]run\b/.test(command)) return "program";
    if (command.includes("helm")) return "helm";
    return "gate";
}

export const STACK_GOALS = { 100: 12_000, 500: 45_000 } as const;
export const MEMORY_GOAL_MIB = 1536;
/** Cost is linear when a resource costs as much between 100 and 500 tenants as between 10 and 100, within this factor. */
export const LINEAR_GOAL = 1.25;

export { TENANT_COUNTS };
