/**
 * The offline preview: runs a stack's program as `pulumi preview` does (Pulumi's own Node.js run
 * harness, in the program's folder, against a mock engine answering as a preview does), boots each
 * policy pack as the engine does while the program runs, configures it from the stack's policy
 * settings, and analyzes every resource and the whole stack over the Analyzer protocol — what
 * `pulumi preview --policy-pack ...` does, without the CLI, a cloud account or a cluster.
 */
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import type { Exemption } from "../policy-packs/common/exemptions";
import { type PackSettings, type PolicyConfigKeys, type PolicyPackConfigJson, SettingsError, expandSettings, settingsProblems } from "../policy-packs/common/settings";
import { type AnalyzerInfo, type PolicyInfo, type PolicyPackProcess, startPolicyPack } from "./analyzer-client";
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
    const policies = infos.flatMap(configKeys);
    const problems = [...settingsProblems(settings, policies), ...acceptanceProblems(settings.acceptedRequests, policies)];
    if (problems.length > 0) throw new SettingsError(problems, file);
    const requests = collectExemptionRequests(resources, outputs);
    const { statuses, accepted } = decideExemptionRequests(requests, settings, { policies });
    return { settings: { ...settings, exemptions: [...((settings.exemptions ?? []) as Exemption[]), ...accepted] }, requests: statuses };
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

/** Runs the program while the packs boot, configures each pack from its settings, runs `use`, then stops the packs. */
async function withSession<T>(options: OfflinePreviewOptions, use: (session: Session) => Promise<T>): Promise<T> {
    // Not a runnable Node.js project (no name, another runtime, no dependencies): say so before anything starts.
    const programProject = readProgramProject(options.projectDir);
    locateRunHarness(programProject);
    const project = loadProject(programProject.rootDir);
    const config = loadStackConfig(project, options.stack);
    const settings = loadPolicySettings(config);
    const settingsFile = path.relative(process.cwd(), policySettingsFile(config)) || policySettingsFile(config);

    const booting = options.packs.map((dir) => startPolicyPack(path.resolve(project.dir, dir)));
    // A pack that fails to boot is reported once the program has run (allBooted), not as an unhandled rejection meanwhile.
    for (const b of booting) b.catch(() => undefined);
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
        });
    } catch (e) {
        await allBooted(booting).then(
            (started) => Promise.all(started.map((p) => p.close())),
            () => undefined,
        );
        throw e;
    }

    const processes = await allBooted(booting);
    try {
        const infos = await Promise.all(processes.map((p) => p.info()));
        const resolved = resolveSettings(settings, settingsFile, run.resources, run.outputs, infos);
        const configs = packConfigs(resolved.settings, infos);
        await Promise.all(processes.map((p, i) => p.configure(configs[i]).catch((e) => {
            // The config came from the settings file: say so, and which pack refused what.
            if (e instanceof PolicyConfigError) throw new SettingsError(e.problems.map((x) => `${infos[i].name} refuses the config this expands to: ${x}`), settingsFile);
            throw e;
        })));
        return await use({
            project: programProject.name,
            run,
            requests: resolved.requests,
            packs: processes.map((process, i) => ({ process, info: infos[i], config: configs[i] })),
        });
    } finally {
        await Promise.all(processes.map((p) => p.close()));
    }
}

export async function runOfflinePreview(options: OfflinePreviewOptions): Promise<OfflinePreviewReport> {
    return withSession(options, async ({ project, run, packs: booted, requests }) => {
        const packs: PackResult[] = [];
        for (const { process, info, config } of booted) {
            const result = await process.analyzeGraph(run.resources);
            packs.push({ dir: process.dir, name: info.name, version: info.version, config, policies: info.policies, diagnostics: result.diagnostics });
        }
        const mandatory = packs.flatMap((p) => p.diagnostics.filter((d) => d.enforcementLevel === "mandatory"));
        return {
            stack: options.stack,
            project,
            resources: run.resources,
            outputs: run.outputs,
            packs,
            mandatory,
            incomplete: [...run.incomplete],
            exemptionRequests: requests,
        };
    });
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
