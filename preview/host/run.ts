/**
 * Runs a project's program as `pulumi preview` does: Pulumi's Node.js language host starts
 * `node [nodeargs] <project's @pulumi/pulumi>/cmd/run --monitor ... --dry-run <main>` in the
 * program's folder with the stack's config in its environment, and the program talks to the engine
 * over gRPC. Here the engine is the mock one, so nothing leaves the machine.
 */
import { spawn } from "child_process";
import * as path from "path";
import type { ExpandContext } from "../expand";
import type { RenderStats } from "../expand/render";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { RecordedResource } from "../types";
import { ConfigError, ProgramError } from "./errors";
import { type IncompleteEntry, type LoggedMessage, ROOT_STACK_TYPE, startMockEngine } from "./monitor";
import { type ProgramProject, locateRunHarness } from "./project";

export interface HostOptions {
    readonly project: ProgramProject;
    readonly stack: string;
    /** Stack config, keyed `<namespace>:<key>`, values as strings (JSON for structures). */
    readonly config: Readonly<Record<string, string>>;
    readonly secretKeys: readonly string[];
    readonly chartCache?: string;
    readonly helm?: string;
    /** Where the program's stdout and stderr go. Default: this process's stderr, never its stdout. */
    readonly onProgramOutput?: (chunk: string, stream: "stdout" | "stderr") => void;
    /** How long the program may run before it counts as never settling. Default: 300 s. */
    readonly timeoutMs?: number;
    /** How long it may keep running once its stack outputs are in (a timer, an open socket). Default: 10 s. */
    readonly exitGraceMs?: number;
    /** Resource operations the SDK runs at once, as `--parallel`. Default: 16. */
    readonly parallel?: number;
    /** Called with each resource as it enters the graph, in the graph's order: the engine analyzes it then. */
    readonly onResource?: (r: RecordedResource, inputs?: Struct) => void;
}

export interface HostedRun {
    /** Every resource registered, in order; the root stack first; expanded children after their component. */
    readonly resources: readonly RecordedResource[];
    readonly stack: RecordedResource;
    /** The stack's outputs, as the engine received them (unknowns are the UNKNOWN marker). */
    readonly outputs: Record<string, unknown>;
    readonly incomplete: readonly IncompleteEntry[];
    /** What the program logged through the engine (warnings and info included). */
    readonly logs: readonly LoggedMessage[];
    /** Every invoke the program made, with the arguments the engine answered (after invoke transforms). */
    readonly invokes: readonly { readonly token: string; readonly args: Record<string, unknown> }[];
    /** Charts rendered for the program (each chart, version and values once) and Helm's time. */
    readonly renderStats: RenderStats;
}

/** Settings the language host would not have inherited: they belong to the run it sets up. */
const OWN_ENV = /^PULUMI_(CONFIG|CONFIG_SECRET_KEYS|NODEJS_(ORGANIZATION|PROJECT|ROOT_DIRECTORY|STACK|DRY_RUN|PARALLEL|MONITOR|ENGINE|SYNC|TYPESCRIPT|TSCONFIG_PATH))$/;

/** Loaded before the run harness: see the file. Compiled beside this one (tsconfig.build.json copies it). */
const PRELOAD = path.join(__dirname, "program-preload.cjs");

function programEnv(options: HostOptions): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
        if (OWN_ENV.test(k)) continue;
        // Bulwark may itself run under a TypeScript loader; the program must get Pulumi's own.
        if (k === "NODE_OPTIONS" && v && /tsx|ts-node/.test(v)) continue;
        env[k] = v;
    }
    // The language host hands config over in its legacy `<namespace>:config:<key>` form.
    const config: Record<string, string> = {};
    for (const [k, v] of Object.entries(options.config)) {
        const i = k.indexOf(":");
        config[i > 0 ? `${k.slice(0, i)}:config:${k.slice(i + 1)}` : `${options.project.name}:config:${k}`] = v;
    }
    // Through NODE_OPTIONS rather than the command line, which the run harness reads to choose its TypeScript mode.
    env.NODE_OPTIONS = [env.NODE_OPTIONS, `--require ${JSON.stringify(PRELOAD)}`].filter(Boolean).join(" ");
    env.PULUMI_CONFIG = JSON.stringify(config);
    env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(options.secretKeys.map((k) => (k.includes(":") ? k : `${options.project.name}:${k}`)));
    if (options.project.options.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
    if (options.project.options.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = options.project.options.tsconfig;
    return env;
}

function defaultOutput(chunk: string): void {
    process.stderr.write(chunk);
}

const ANSI = /\x1b\[[0-9;]*m/g;

/** The program's error output, each line marked as the program's so it is never taken for Bulwark's. */
function programReport(errors: readonly string[]): string {
    return errors
        .join("\n")
        .replace(ANSI, "")
        .split("\n")
        .map((l) => `  program| ${l}`)
        .join("\n");
}

/** Engine features the SDK checks for and refuses to use without, blaming the CLI: say what is really missing. */
const UNSUPPORTED: readonly [RegExp, string][] = [
    [/does not support resource hooks/, "resource hooks"],
    [/does not support error hooks/, "error hooks"],
];

function unsupportedNote(errors: readonly string[]): string {
    const text = errors.join("\n");
    const missing = UNSUPPORTED.filter(([re]) => re.test(text)).map(([, what]) => what);
    return missing.length > 0
        ? ` The offline preview does not run ${missing.join(" or ")} yet, so it cannot preview this program; the Pulumi CLI is not at fault.`
        : "";
}

/** Runs the program under the mock engine and returns what it registered. */
export async function hostProgram(options: HostOptions): Promise<HostedRun> {
    const { project } = options;
    const runHarness = locateRunHarness(project);
    const renderStats: RenderStats = { renders: 0, reused: 0, helmMs: 0 };
    const expand: ExpandContext = {
        renderStats,
        projectDir: project.programDir,
        project: project.name,
        stack: options.stack,
        ...(options.chartCache ? { chartCache: options.chartCache } : {}),
        ...(options.helm ? { helm: options.helm } : {}),
    };
    const engine = await startMockEngine(project.name, options.stack, expand);
    const output = options.onProgramOutput ?? defaultOutput;
    const stderrTail: string[] = [];
    const timeoutMs = options.timeoutMs ?? 300_000;
    const exitGraceMs = options.exitGraceMs ?? 10_000;
    try {
        if (options.onResource) engine.onResource = options.onResource;
        engine.onLog = (m) => {
            if (m.severity === "info" || m.severity === "warning") output(`${m.severity}: ${m.message}\n`, "stderr");
        };
        const args = [
            ...project.options.nodeargs,
            runHarness,
            `--monitor=${engine.monitorAddress}`,
            `--engine=${engine.engineAddress}`,
            // What `pulumi preview` passes on a self-managed backend, which has no organizations.
            "--organization=organization",
            `--project=${project.name}`,
            `--root-directory=${project.rootDir}`,
            `--stack=${options.stack}`,
            `--pwd=${project.programDir}`,
            "--dry-run",
            `--parallel=${options.parallel ?? 16}`,
            project.entryPoint,
        ];
        const child = spawn(process.execPath, args, { cwd: project.rootDir, env: programEnv(options), stdio: ["ignore", "pipe", "pipe"] });
        const killOnExit = () => child.kill("SIGKILL");
        process.once("exit", killOnExit);
        child.once("exit", () => process.off("exit", killOnExit));
        child.stdout.on("data", (b: Buffer) => output(b.toString(), "stdout"));
        child.stderr.on("data", (b: Buffer) => {
            const text = b.toString();
            stderrTail.push(text);
            if (stderrTail.length > 200) stderrTail.shift();
            output(text, "stderr");
        });

        const outcome = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; timedOut?: "run" | "exit" }>((resolve, reject) => {
            let timedOut: "run" | "exit" | undefined;
            const kill = (why: "run" | "exit") => {
                timedOut = why;
                child.kill("SIGKILL");
            };
            const runTimer = setTimeout(() => kill("run"), timeoutMs);
            let exitTimer: NodeJS.Timeout | undefined;
            engine.onActivity = () => {
                if (engine.record.stackOutputs !== undefined && !exitTimer) exitTimer = setTimeout(() => kill("exit"), exitGraceMs);
            };
            child.on("error", (e) => {
                clearTimeout(runTimer);
                if (exitTimer) clearTimeout(exitTimer);
                reject(new ConfigError(`could not start node for the program in ${project.programDir}: ${e.message}`));
            });
            child.on("close", (code, signal) => {
                clearTimeout(runTimer);
                if (exitTimer) clearTimeout(exitTimer);
                resolve({ code, signal, ...(timedOut ? { timedOut } : {}) });
            });
        });
        await engine.settled();

        const record = engine.record;
        const errors = record.logs.filter((l) => l.severity === "error").map((l) => l.message);
        const where = `${project.name} (${project.entryPoint === "." ? project.programDir : project.entryPoint})`;
        if (outcome.timedOut === "run") {
            const registered = record.resources.length;
            throw new ProgramError(
                `the program ${where} did not finish within ${Math.round(timeoutMs / 1000)} s: ` +
                    `${record.stackOutputs === undefined ? "its stack outputs never settled" : "it never exited"} ` +
                    `(${registered} resources registered). A promise that never resolves, an output that awaits one, or a registration that never completes keeps a preview from finishing, as Pulumi reports leaked promises.`,
                programReport(errors),
            );
        }
        if (outcome.timedOut === "exit") {
            throw new ProgramError(
                `the program ${where} registered its stack outputs but did not exit within ${Math.round(exitGraceMs / 1000)} s: ` +
                    "a timer, server or open handle keeps its event loop alive, so `pulumi preview` would never finish",
                programReport(errors),
            );
        }
        if (outcome.code !== 0 || errors.length > 0) {
            const detail = errors.length > 0 ? errors : [stderrTail.join("").trim() || `exit code ${outcome.code ?? outcome.signal}`];
            throw new ProgramError(`the program ${where} failed (exit code ${outcome.code ?? outcome.signal}).${unsupportedNote(detail)}`, programReport(detail));
        }
        if (record.stackOutputs === undefined) {
            throw new ProgramError(
                `the program ${where} exited before it finished: its stack outputs never settled. ` +
                    "A promise that never resolves (or a resource registration waiting on one) leaks, as Pulumi reports leaked promises; the preview would be incomplete.",
                programReport(stderrTail.length > 0 ? [stderrTail.join("").trim()] : []),
            );
        }
        const stack = record.resources.find((r) => r.type === ROOT_STACK_TYPE);
        if (!stack) throw new ProgramError(`the program ${where} registered no root stack`);
        return { resources: record.resources, stack, outputs: record.stackOutputs, incomplete: record.incomplete, logs: record.logs, invokes: record.invokes, renderStats };
    } finally {
        engine.close();
    }
}
