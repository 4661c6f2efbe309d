/**
 * The analyzer client: boots a policy pack exactly as the Pulumi engine does
 * (`node <@pulumi/pulumi>/cmd/run-policy-pack <engine address> .` in the pack's folder, reading the
 * port it prints) and speaks the Analyzer gRPC protocol to it: GetAnalyzerInfo, Configure, Analyze
 * and AnalyzeStack. A small Engine service stands in for the CLI's, to receive the pack's logs.
 */
import * as grpc from "@grpc/grpc-js";
import * as analyzerrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineproto from "@pulumi/pulumi/proto/engine_pb";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as yaml from "js-yaml";
import * as path from "path";
import { ConfigError } from "./host/errors";
import { type PolicyConfigInfo, type PolicyPackConfig, reconcileConfig } from "./policy-config";
import { analyzeGraphs, encodeResource, encodeStackRequest } from "./graph-analysis";
import { type AnalyzableResource, toPolicyInputs } from "./policy-runner";
import type { AnalysisResult, Diagnostic } from "./types";
import { toStruct } from "./struct";

const LEVELS = ["advisory", "mandatory", "disabled", "remediate"] as const;
const SEVERITIES = [undefined, "low", "medium", "high", "critical"] as const;

/** Loaded into each pack: ends it once the preview that started it is gone (see the file). */
const ORPHAN_GUARD = path.join(__dirname, "host", "orphan-guard.cjs");

export interface PolicyInfo extends PolicyConfigInfo {
    readonly description: string;
    readonly enforcementLevel: string;
    readonly severity?: string;
    readonly policyType: "resource" | "stack" | "unknown";
    readonly tags: string[];
    readonly remediationSteps: string;
    readonly framework?: { name: string; version: string; reference: string };
}

export interface AnalyzerInfo {
    readonly name: string;
    readonly version: string;
    readonly supportsConfig: boolean;
    readonly policies: PolicyInfo[];
}

export interface PackLog {
    readonly severity: "debug" | "info" | "warning" | "error";
    readonly message: string;
}

export type { AnalyzableResource };

/** A running policy pack and a client for it. */
export interface PolicyPackProcess {
    readonly dir: string;
    /** Everything the pack logged through the engine service, and its stderr lines. */
    readonly logs: PackLog[];
    info(): Promise<AnalyzerInfo>;
    /** Fills defaults, validates against each policy's schema (as the CLI does), then Configure. */
    configure(config: PolicyPackConfig): Promise<void>;
    analyze(resource: AnalyzableResource): Promise<AnalysisResult>;
    analyzeStack(resources: readonly AnalyzableResource[]): Promise<AnalysisResult>;
    /** What a preview does: Analyze on every resource (`inFlight` at once, default 16), then AnalyzeStack on them all (analyzeGraphs for several packs). */
    analyzeGraph(resources: readonly AnalyzableResource[], options?: { readonly inFlight?: number }): Promise<AnalysisResult>;
    /** Analyze with a request encoded by graph-analysis.ts (encodeResource); diagnostics are reported against `urn`, as the engine does. */
    analyzeEncoded(request: Buffer, urn: string): Promise<AnalysisResult>;
    /** AnalyzeStack with a request encoded by graph-analysis.ts (encodeStackRequest). */
    analyzeStackEncoded(request: Buffer): Promise<AnalysisResult>;
    close(): Promise<void>;
}

function diagnosticsOf(resp: analyzerproto.AnalyzeResponse): AnalysisResult {
    const diagnostics: Diagnostic[] = resp.getDiagnosticsList().map((d) => ({
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        policyPackVersion: d.getPolicypackversion(),
        description: d.getDescription(),
        message: d.getMessage(),
        urn: d.getUrn() || undefined,
        enforcementLevel: LEVELS[d.getEnforcementlevel()],
        severity: SEVERITIES[d.getSeverity()],
    }));
    const notApplicable = resp.getNotApplicableList().map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() || undefined }));
    return { diagnostics, notApplicable };
}

/**
 * A policy pack that could not start, stopped, or did not answer in time. The message names the
 * pack, the call and what to do; the preview ends with it (exit 2) rather than waiting.
 */
export class PolicyPackError extends Error {
    constructor(
        readonly pack: string,
        readonly phase: string,
        message: string,
    ) {
        super(`policy pack ${pack}: ${message}`);
        this.name = "PolicyPackError";
    }
}

const BOOT_TIMEOUT_ENV = "BULWARK_PACK_BOOT_TIMEOUT_MS";
const CALL_TIMEOUT_ENV = "BULWARK_PACK_CALL_TIMEOUT_MS";

/** A timeout from its option, else its environment variable, else the default; a bad variable is an error. */
function timeoutFrom(given: number | undefined, env: string, fallback: number): number {
    if (given !== undefined) return given;
    const raw = process.env[env];
    if (raw === undefined || raw === "") return fallback;
    const ms = Number(raw);
    if (!Number.isInteger(ms) || ms <= 0) throw new ConfigError(`${env} must be a whole number of milliseconds, not "${raw}"`);
    return ms;
}

/**
 * The Analyzer service with Analyze and AnalyzeStack taking requests already encoded: a graph is
 * encoded once (graph-analysis.ts) and the same bytes go to every pack.
 */
const ENCODED_ANALYZER = grpc.makeGenericClientConstructor(
    {
        ...analyzerrpc.AnalyzerService,
        analyze: { ...analyzerrpc.AnalyzerService.analyze, requestSerialize: (b: Buffer) => b },
        analyzeStack: { ...analyzerrpc.AnalyzerService.analyzeStack, requestSerialize: (b: Buffer) => b },
    },
    "Analyzer",
);

/** A call of the encoded Analyzer client, whose requests are bytes (Analyze, AnalyzeStack) or messages. */
type EncodedCall<Res> = Unary<Buffer | object, Res>;

type Unary<Req, Res> = (
    req: Req,
    metadata: grpc.Metadata,
    options: Partial<grpc.CallOptions>,
    cb: (err: grpc.ServiceError | null, res: Res) => void,
) => unknown;

function call<Req, Res>(fn: Unary<Req, Res>, req: Req, timeoutMs = 0): Promise<Res> {
    const options = timeoutMs > 0 ? { deadline: Date.now() + timeoutMs } : {};
    return new Promise((resolve, reject) => fn(req, new grpc.Metadata(), options, (err, res) => (err ? reject(err) : resolve(res))));
}

/** A minimal Engine service: the pack logs through it. */
async function startEngine(logs: PackLog[]): Promise<{ address: string; server: grpc.Server }> {
    const server = new grpc.Server();
    const names = ["debug", "info", "warning", "error"] as const;
    server.addService(enginerpc.EngineService, {
        log: (c: grpc.ServerUnaryCall<engineproto.LogRequest, Empty>, cb: grpc.sendUnaryData<Empty>) => {
            logs.push({ severity: names[c.request.getSeverity()] ?? "info", message: c.request.getMessage() });
            cb(null, new Empty());
        },
        getRootResource: (_: unknown, cb: grpc.sendUnaryData<engineproto.GetRootResourceResponse>) =>
            cb(null, new engineproto.GetRootResourceResponse()),
        setRootResource: (_: unknown, cb: grpc.sendUnaryData<engineproto.SetRootResourceResponse>) =>
            cb(null, new engineproto.SetRootResourceResponse()),
        startDebugging: (_: unknown, cb: grpc.sendUnaryData<Empty>) => cb(null, new Empty()),
        requirePulumiVersion: (_: unknown, cb: grpc.sendUnaryData<engineproto.RequirePulumiVersionResponse>) =>
            cb(null, new engineproto.RequirePulumiVersionResponse()),
    });
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    return { address: `127.0.0.1:${port}`, server };
}

function runPolicyPackPath(dir: string): string {
    const pkg = require.resolve("@pulumi/pulumi/package.json", { paths: [dir] });
    return path.join(path.dirname(pkg), "cmd", "run-policy-pack");
}

/** The engine passes the pack's runtime options (`PulumiPolicy.yaml`) on as `-<name>=<value>` arguments. */
function runtimeOptionArgs(packDir: string): string[] {
    const doc = yaml.load(fs.readFileSync(path.join(packDir, "PulumiPolicy.yaml"), "utf8")) as { runtime?: unknown } | undefined;
    const runtime = doc?.runtime;
    const options = runtime && typeof runtime === "object" ? ((runtime as { options?: Record<string, unknown> }).options ?? {}) : {};
    return Object.entries(options)
        .filter(([, v]) => v !== undefined && v !== null && String(v) !== "")
        .map(([k, v]) => `-${k}=${String(v)}`);
}

function waitForPort(child: ChildProcess, logs: PackLog[], timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
        let out = "";
        const timer = setTimeout(
            () => fail(new Error(`it did not start: it printed no port within ${timeoutMs} ms (set ${BOOT_TIMEOUT_ENV} to wait longer)`)),
            timeoutMs,
        );
        const fail = (e: Error) => {
            clearTimeout(timer);
            // The pack's own words, without its stack frames: what failed, not where in node's loader.
            const stderr = logs.filter((l) => l.severity === "error" && !/^\s+at /.test(l.message)).slice(0, 10).map((l) => l.message).join("\n");
            reject(new Error(`${e.message}${stderr ? `\n${stderr}` : ""}`));
        };
        child.stdout!.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            const m = /^(\d+)\s*$/m.exec(out);
            if (m) {
                clearTimeout(timer);
                resolve(Number(m[1]));
            }
        });
        child.stderr!.on("data", (chunk: Buffer) => {
            for (const line of chunk.toString().split("\n").filter(Boolean)) logs.push({ severity: "error", message: line });
        });
        child.on("exit", (code, signal) => fail(new Error(`it did not start: it exited with ${code !== null ? `code ${code}` : `signal ${signal}`} before it printed its port`)));
        child.on("error", fail);
    });
}

export interface StartOptions {
    /** How long the pack may take to print its port. Default: $BULWARK_PACK_BOOT_TIMEOUT_MS, else 30 s. */
    readonly timeoutMs?: number;
    /** How long one call (GetAnalyzerInfo, Configure, Analyze, AnalyzeStack) may take. Default: $BULWARK_PACK_CALL_TIMEOUT_MS, else 120 s. */
    readonly callTimeoutMs?: number;
}

/**
 * Boots the policy pack in `dir` (a folder with PulumiPolicy.yaml; a TypeScript pack must have been
 * built) and returns a client for it.
 */
export async function startPolicyPack(dir: string, options: StartOptions = {}): Promise<PolicyPackProcess> {
    const packDir = path.resolve(dir);
    if (!fs.existsSync(path.join(packDir, "PulumiPolicy.yaml"))) {
        throw new Error(`${packDir} is not a policy pack: it has no PulumiPolicy.yaml`);
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8")) as { main?: string };
    if (pkg.main && !fs.existsSync(path.join(packDir, pkg.main))) {
        throw new Error(`${path.join(packDir, pkg.main)} does not exist: build the pack first (npm run build)`);
    }
    // Both timeouts are read before anything starts: a bad variable leaves no process behind.
    const bootTimeoutMs = timeoutFrom(options.timeoutMs, BOOT_TIMEOUT_ENV, 30_000);
    const callTimeoutMs = timeoutFrom(options.callTimeoutMs, CALL_TIMEOUT_ENV, 120_000);
    const logs: PackLog[] = [];
    const engine = await startEngine(logs);
    const child = spawn(process.execPath, [runPolicyPackPath(packDir), engine.address, ".", ...runtimeOptionArgs(packDir)], {
        cwd: packDir,
        stdio: ["ignore", "pipe", "pipe"],
        // The command line is the engine's; the guard that ends the pack with this process rides in NODE_OPTIONS.
        env: { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require ${JSON.stringify(ORPHAN_GUARD)}`].filter(Boolean).join(" ") },
    });
    let port: number;
    try {
        port = await waitForPort(child, logs, bootTimeoutMs);
    } catch (e) {
        child.kill("SIGKILL");
        engine.server.forceShutdown();
        throw new PolicyPackError(packDir, "boot", (e as Error).message);
    }
    let exit: string | undefined;
    child.once("exit", (code, signal) => (exit = code !== null ? `code ${code}` : `signal ${signal}`));
    /** A call to the pack, whose failure says which call, and whether the pack stopped or was too slow. */
    const rpc = async <Req, Res>(name: string, fn: Unary<Req, Res>, req: Req): Promise<Res> => {
        try {
            return await call(fn, req, callTimeoutMs);
        } catch (e) {
            const err = e as grpc.ServiceError;
            const stderr = logs.filter((l) => l.severity === "error").slice(-5).map((l) => `\n  ${l.message}`).join("");
            if (err.code === grpc.status.DEADLINE_EXCEEDED) {
                throw new PolicyPackError(packDir, name, `${name} did not answer within ${callTimeoutMs} ms (set ${CALL_TIMEOUT_ENV} to wait longer)`);
            }
            if (err.code === grpc.status.UNAVAILABLE || exit !== undefined) {
                // The exit event can trail the broken connection by a moment.
                if (exit === undefined) await new Promise((r) => setTimeout(r, 200));
                throw new PolicyPackError(packDir, name, `it stopped during ${name}${exit ? ` (exited with ${exit})` : ""}${stderr}`);
            }
            throw new Error(err.details || err.message);
        }
    };
    const client = new ENCODED_ANALYZER(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": 400 * 1024 * 1024,
        "grpc.max_send_message_length": 400 * 1024 * 1024,
    });
    let cachedInfo: AnalyzerInfo | undefined;

    const info = async (): Promise<AnalyzerInfo> => {
        if (cachedInfo) return cachedInfo;
        const resp = await rpc<Empty, analyzerproto.AnalyzerInfo>("GetAnalyzerInfo", (client.getAnalyzerInfo as EncodedCall<analyzerproto.AnalyzerInfo>).bind(client), new Empty());
        cachedInfo = {
            name: resp.getName(),
            version: resp.getVersion(),
            supportsConfig: resp.getSupportsconfig(),
            policies: resp.getPoliciesList().map((p) => {
                const schema = p.getConfigschema();
                const fw = p.getFramework();
                return {
                    name: p.getName(),
                    description: p.getDescription(),
                    enforcementLevel: LEVELS[p.getEnforcementlevel()],
                    severity: SEVERITIES[p.getSeverity()],
                    policyType: (["unknown", "resource", "stack"] as const)[p.getPolicyType()] ?? "unknown",
                    tags: p.getTagsList(),
                    remediationSteps: p.getRemediationSteps(),
                    framework: fw ? { name: fw.getName(), version: fw.getVersion(), reference: fw.getReference() } : undefined,
                    configSchema: schema ? { properties: schema.getProperties()?.toJavaScript() as Record<string, any>, required: schema.getRequiredList() } : undefined,
                };
            }),
        };
        return cachedInfo;
    };

    const analyzeEncoded = async (request: Buffer, urn: string): Promise<AnalysisResult> => {
        const result = diagnosticsOf(await rpc<Buffer, analyzerproto.AnalyzeResponse>("Analyze", (client.analyze as EncodedCall<analyzerproto.AnalyzeResponse>).bind(client), request));
        // The engine reports every diagnostic of an Analyze call against the resource it asked about.
        return { ...result, diagnostics: result.diagnostics.map((d) => ({ ...d, urn })) };
    };
    const analyzeStackEncoded = async (request: Buffer): Promise<AnalysisResult> =>
        diagnosticsOf(await rpc<Buffer, analyzerproto.AnalyzeResponse>("AnalyzeStack", (client.analyzeStack as EncodedCall<analyzerproto.AnalyzeResponse>).bind(client), request));

    const self: PolicyPackProcess = {
        dir: packDir,
        logs,
        info,
        configure: async (config) => {
            const reconciled = reconcileConfig((await info()).policies, config);
            const req = new analyzerproto.ConfigureAnalyzerRequest();
            const map = req.getPolicyconfigMap();
            for (const [name, entry] of Object.entries(reconciled)) {
                const { enforcementLevel, ...props } = entry;
                const pc = new analyzerproto.PolicyConfig();
                const level = LEVELS.indexOf((enforcementLevel ?? "advisory") as (typeof LEVELS)[number]);
                pc.setEnforcementlevel(level as analyzerproto.EnforcementLevel);
                pc.setProperties(toStruct(props));
                map.set(name, pc);
            }
            await rpc("Configure", (client.configure as EncodedCall<Empty>).bind(client), req);
        },
        analyze: (r) => {
            const encoded = encodeResource(toPolicyInputs([r])[0]);
            return analyzeEncoded(encoded.analyze, encoded.urn);
        },
        analyzeStack: (resources) => analyzeStackEncoded(encodeStackRequest(toPolicyInputs(resources).map((r) => encodeResource(r)))),
        analyzeGraph: async (resources, graphOptions) => (await analyzeGraphs([self], resources, graphOptions))[0],
        analyzeEncoded,
        analyzeStackEncoded,
        close: async () => {
            client.close();
            child.kill();
            await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", () => resolve())));
            engine.server.forceShutdown();
        },
    };
    return self;
}
