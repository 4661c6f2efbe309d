/**
 * The offline preview: runs a stack's program as `pulumi preview` does (Pulumi's own Node.js run
 * harness, in the program's folder, against a mock engine answering as a preview does), boots each
 * policy pack as the engine does while the program runs, configures it from the stack's policy
 * settings, and analyzes every resource and the whole stack over the Analyzer protocol — what
 * `pulumi preview --policy-pack ...` does, without the CLI, a cloud account or a cluster.
 */
import * as fs from "fs";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as yaml from "js-yaml";
import * as path from "path";
import { performance } from "perf_hooks";
import type { Exemption } from "../policy-packs/common/exemptions";
import { type PackSettings, type PolicyConfigKeys, type PolicyPackConfigJson, SettingsError, expandSettings, settingsProblems } from "../policy-packs/common/settings";
import { type AnalyzerInfo, type PolicyInfo, type PolicyPackProcess, startPolicyPack } from "./analyzer-client";
import { GraphAnalysis } from "./graph-analysis";
import { type ExemptionRequestStatus, acceptanceProblems, collectExemptionRequests, decideExemptionRequests } from "./exemption-requests";
import { type HostedRun, hostProgram } from "./host/run";
import { locateRunHarness, readProgramProject } from "./host/project";
import { PolicyConfigError } from "./policy-config";
import { type StackConfig, loadProject, loadStackConfig } from "./stack-config";
import type { Diagnostic, RecordedResource } from "./types";

export interface OfflinePreviewOptions {
    /** The project folder (with Pulumi.yaml). */
    readonly projectDir: string;
    readonly stack: string;
    /** Policy pack folders to enforce. */
    readonly packs: readonly string[];
    /** A folder of packaged charts with an `index.yaml`, tried before any chart repository. */
    readonly chartCache?: string;
    /** A Helm binary; otherwise `helm` on PATH, else the one Bulwark extracts. */
    readonly helm?: string;
    /** Where the program's own output goes (default: this process's stderr, so stdout can carry JSON or SARIF). */
    readonly onProgramOutput?: (chunk: string, stream: "stdout" | "stderr") => void;
    /** How long the program may take before it counts as never settling (a `ProgramError`). Default: 300 s. */
    readonly programTimeoutMs?: number;
}

/** A resource whose children the offline preview could not see (a remote component, an unrenderable chart). */
export interface IncompleteResource {
    readonly urn: string;
    readonly type: string;
    readonly reason: string;
}

export interface PackResult {
    readonly dir: string;
    readonly name: string;
    readonly version: string;
    readonly config: PolicyPackConfigJson;
    /** Each policy as the pack describes it (GetAnalyzerInfo): metadata, tags and framework for reports. */
    readonly policies: readonly PolicyInfo[];
    readonly diagnostics: Diagnostic[];
}

export interface OfflinePreviewReport {
    readonly stack: string;
    readonly project: string;
    readonly resources: readonly RecordedResource[];
    readonly outputs: Record<string, unknown>;
    readonly packs: PackResult[];
    /** Violations that would stop `pulumi preview`. */
    readonly mandatory: Diagnostic[];
    /** What was not analyzed because it could not be expanded offline; the gate fails closed on any. */
    readonly incomplete: IncompleteResource[];
    /** Exemptions the program and its components asked for, each accepted by the stack's policy settings or not, and why. */
    readonly exemptionRequests: ExemptionRequestStatus[];
    /** Where the time went. */
    readonly timings?: PreviewTimings;
}

/**
 * Wall times of a preview's phases, in ms. The packs boot while the program runs, and charts render
 * inside the program's run, so the phases overlap: `total` is not their sum.
 */
export interface PreviewTimings {
    /** Running the program to its stack outputs, expansion (and chart rendering) included. */
    readonly program: number;
    /** Helm's time rendering the program's charts (within `program`; renders run two at a time, in parallel with the program). */
    readonly chartRendering: number;
    readonly chartsRendered: number;
    /** Renders answered by an earlier render of the same chart, version, values, release and namespace. */
    readonly chartRendersReused: number;
    /** From the start until the slowest pack served (overlapping `program`). */
    readonly packBoot: number;
    /** Configuring the packs: from the settings once they serve, and again if accepted requests change a config. */
    readonly configure: number;
    /** From the first Analyze request to the last answer: every pack at once, as the program registers resources. */
    readonly analysis: number;
    /** What the preview waited once the program was done: the last Analyze answers, AnalyzeStack, any new Configure. */
    readonly analysisAfterProgram: number;
    readonly total: number;
}

/** The policy settings file of a stack: `<stackConfigDir>/policy.<stack>.yaml`, if there is one. */
export function policySettingsFile(config: StackConfig): string {
    return path.join(config.project.stackConfigDir, `policy.${config.stack}.yaml`);
}

export function loadPolicySettings(config: StackConfig): PackSettings {
    const file = policySettingsFile(config);
    if (!fs.existsSync(file)) return {};
    const where = path.relative(process.cwd(), file) || file;
    let doc: unknown;
    try {
        // The core schema keeps `expires: 2027-06-30` the string the packs expect, not a Date.
        doc = yaml.load(fs.readFileSync(file, "utf8"), { schema: yaml.CORE_SCHEMA, filename: file });
    } catch (e) {
        throw new SettingsError([`it is not valid YAML: ${(e as Error).message.split("\n")[0]}`], where);
    }
    if (doc === undefined || doc === null) return {};
    if (typeof doc !== "object" || Array.isArray(doc)) throw new SettingsError(["it must be a mapping of policy settings (allowedRegistries:, exemptions:, ...)"], where);
    return doc as PackSettings;
}

function configKeys(info: AnalyzerInfo): PolicyConfigKeys[] {
    return info.policies.map((p) => ({
        name: p.name,
        keys: Object.keys(p.configSchema?.properties ?? {}),
        severity: p.severity,
        enforcementLevel: p.enforcementLevel,
    }));
}

/**
 * The settings the packs are configured from: the security team's own, plus the requests of the
 * program and its components that those settings accept. Every problem of the settings file is
 * reported at once, under the file's name.
 */
export function resolveSettings(
    settings: PackSettings,
    file: string,
    resources: readonly RecordedResource[],
    outputs: Record<string, unknown>,
    infos: readonly AnalyzerInfo[],
): { settings: PackSettings; requests: ExemptionRequestStatus[] } {
    checkSettings(settings, file, infos);
    const policies = infos.flatMap(configKeys);
    const requests = collectExemptionRequests(resources, outputs);
    const { statuses, accepted } = decideExemptionRequests(requests, settings, { policies });
    return { settings: { ...settings, exemptions: [...((settings.exemptions ?? []) as Exemption[]), ...accepted] }, requests: statuses };
}

/** Every problem of the settings file at once, under the file's name. */
export function checkSettings(settings: PackSettings, file: string, infos: readonly AnalyzerInfo[]): void {
    const policies = infos.flatMap(configKeys);
    const problems = [...settingsProblems(settings, policies), ...acceptanceProblems(settings.acceptedRequests, policies)];
    if (problems.length > 0) throw new SettingsError(problems, file);
}

/** Per-pack config from pack-wide settings: expanded once over every pack's policies, then split. */
export function packConfigs(settings: PackSettings, infos: readonly AnalyzerInfo[]): PolicyPackConfigJson[] {
    const all = expandSettings(settings, infos.flatMap(configKeys));
    return infos.map((info) => {
        const mine: PolicyPackConfigJson = {};
        for (const p of info.policies) if (all[p.name]) mine[p.name] = all[p.name];
        return mine;
    });
}

/** A stack's program run and its packs booted and configured, ready to analyze it. */
interface Session {
    readonly project: string;
    readonly run: HostedRun;
    readonly packs: readonly { readonly process: PolicyPackProcess; readonly info: AnalyzerInfo; readonly config: PolicyPackConfigJson }[];
    readonly requests: ExemptionRequestStatus[];
    /** Phase times so far, in ms. */
    readonly timings: Omit<PreviewTimings, "analysis" | "analysisAfterProgram" | "total">;
    /** When the session began (performance.now()). */
    readonly started: number;
}

/** Stops the packs that started, and fails with the first that did not. */
async function allBooted(booting: readonly Promise<PolicyPackProcess>[]): Promise<PolicyPackProcess[]> {
    const settled = await Promise.allSettled(booting);
    const started = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) {
        await Promise.all(started.map((p) => p.close()));
        throw failed.reason;
    }
    return started;
}

/** Configures each pack with its config; a config a pack refuses is the settings file's problem, and says which pack refused what. */
async function configureAll(processes: readonly PolicyPackProcess[], configs: readonly PolicyPackConfigJson[], infos: readonly AnalyzerInfo[], settingsFile: string): Promise<void> {
    await Promise.all(
        processes.map((p, i) =>
            p.configure(configs[i]).catch((e) => {
                if (e instanceof PolicyConfigError) throw new SettingsError(e.problems.map((x) => `${infos[i].name} refuses the config this expands to: ${x}`), settingsFile);
                throw e;
            }),
        ),
    );
}

/**
 * Runs the program while the packs boot, configures each pack from its settings, runs `use`, then
 * stops the packs. With `analysis`, the packs analyze each resource as the program registers it, as
 * the engine does: configured from the security team's settings as soon as they serve; once the
 * program is done and its exemption requests are known, a pack whose config the accepted requests
 * change is configured again, and what it reported on is analyzed again (an exemption can only
 * change the verdict on a violation). `use` then gets packs configured with the final config.
 */
async function withSession<T>(options: OfflinePreviewOptions, use: (session: Session) => Promise<T>, analysis?: GraphAnalysis): Promise<T> {
    // Not a runnable Node.js project (no name, another runtime, no dependencies): say so before anything starts.
    const programProject = readProgramProject(options.projectDir);
    locateRunHarness(programProject);
    const project = loadProject(programProject.rootDir);
    const config = loadStackConfig(project, options.stack);
    const settings = loadPolicySettings(config);
    const settingsFile = path.relative(process.cwd(), policySettingsFile(config)) || policySettingsFile(config);

    const started = performance.now();
    let packBoot = 0;
    let configure = 0;
    const booting = options.packs.map((dir) =>
        startPolicyPack(path.resolve(project.dir, dir)).then((p) => {
            packBoot = Math.max(packBoot, performance.now() - started);
            return p;
        }),
    );
    // Booted, described and (when analyzing as the program runs) configured from the settings alone.
    const ready = allBooted(booting).then(async (processes) => {
        try {
            const infos = await Promise.all(processes.map((p) => p.info()));
            let base: PolicyPackConfigJson[] | undefined;
            if (analysis) {
                const configuring = performance.now();
                checkSettings(settings, settingsFile, infos);
                base = packConfigs(settings, infos);
                await configureAll(processes, base, infos, settingsFile);
                configure += performance.now() - configuring;
                analysis.start(processes);
            }
            return { processes, infos, base };
        } catch (e) {
            await Promise.all(processes.map((p) => p.close()));
            throw e;
        }
    });
    // A pack that fails to boot is reported once the program has run, not as an unhandled rejection meanwhile.
    ready.catch(() => undefined);
    let run: HostedRun;
    try {
        run = await hostProgram({
            project: programProject,
            stack: options.stack,
            config: config.values,
            secretKeys: config.secretKeys,
            ...(options.chartCache ? { chartCache: options.chartCache } : {}),
            ...(options.helm ? { helm: options.helm } : {}),
            ...(options.onProgramOutput ? { onProgramOutput: options.onProgramOutput } : {}),
            ...(options.programTimeoutMs ? { timeoutMs: options.programTimeoutMs } : {}),
            ...(analysis ? { onResource: (r: RecordedResource, inputs?: Struct) => analysis.add(r, inputs) } : {}),
        });
    } catch (e) {
        await ready.then(
            async ({ processes }) => {
                await analysis?.finish().catch(() => undefined);
                await Promise.all(processes.map((p) => p.close()));
            },
            () => undefined,
        );
        throw e;
    }

    const program = performance.now() - started;
    const { processes, infos, base } = await ready;
    try {
        await analysis?.finish();
        const configuring = performance.now();
        const resolved = resolveSettings(settings, settingsFile, run.resources, run.outputs, infos);
        const configs = packConfigs(resolved.settings, infos);
        const changed = processes.flatMap((_, i) => (base && JSON.stringify(base[i]) === JSON.stringify(configs[i]) ? [] : [i]));
        await configureAll(
            changed.map((i) => processes[i]),
            changed.map((i) => configs[i]),
            changed.map((i) => infos[i]),
            settingsFile,
        );
        configure += performance.now() - configuring;
        if (analysis) await Promise.all(changed.map((i) => analysis.reanalyze(i, analysis.reported(i))));
        return await use({
            project: programProject.name,
            run,
            requests: resolved.requests,
            started,
            timings: {
                program,
                chartRendering: run.renderStats.helmMs,
                chartsRendered: run.renderStats.renders,
                chartRendersReused: run.renderStats.reused,
                packBoot,
                configure,
            },
            packs: processes.map((process, i) => ({ process, info: infos[i], config: configs[i] })),
        });
    } finally {
        await Promise.all(processes.map((p) => p.close()));
    }
}

export async function runOfflinePreview(options: OfflinePreviewOptions): Promise<OfflinePreviewReport> {
    const analysis = new GraphAnalysis();
    return withSession(
        options,
        async ({ project, run, packs: booted, requests, timings, started }) => {
            const programDone = started + timings.program;
            const results = analysis.results(await analysis.stack());
            const packs: PackResult[] = booted.map(({ process, info, config }, i) => ({
                dir: process.dir,
                name: info.name,
                version: info.version,
                config,
                policies: info.policies,
                diagnostics: results[i].diagnostics,
            }));
            const mandatory = packs.flatMap((p) => p.diagnostics.filter((d) => d.enforcementLevel === "mandatory"));
            const now = performance.now();
            return {
                stack: options.stack,
                project,
                resources: run.resources,
                outputs: run.outputs,
                packs,
                mandatory,
                incomplete: [...run.incomplete],
                exemptionRequests: requests,
                timings: { ...timings, analysis: analysis.analyzeMs, analysisAfterProgram: now - programDone, total: now - started },
            };
        },
        analysis,
    );
}

/** Each pack's `--policy-pack-config` for the stack, validated by the pack: what the Pulumi CLI takes. */
export async function policyPackConfigs(options: OfflinePreviewOptions): Promise<{ dir: string; name: string; config: PolicyPackConfigJson }[]> {
    return (await policyPackConfigsWithRequests(options)).packs;
}

/** The same, with what became of each exemption request (only accepted ones are in the configs). */
export async function policyPackConfigsWithRequests(
    options: OfflinePreviewOptions,
): Promise<{ packs: { dir: string; name: string; config: PolicyPackConfigJson }[]; exemptionRequests: ExemptionRequestStatus[] }> {
    return withSession(options, async ({ packs, requests }) => ({
        packs: packs.map(({ process, info, config }) => ({ dir: process.dir, name: info.name, config })),
        exemptionRequests: requests,
    }));
}
