/**
 * Renders a chart with a real Helm binary (`helm template`, client-only, as the provider's dry run),
 * once per (chart, version, values, namespace, options) in this process, and splits the output into
 * its documents, telling hooks (and test hooks) apart as the provider does.
 */
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fetchFailure, type ChartSource } from "./charts";
import { locateHelm } from "./helm-binary";
import { decodeDocuments } from "./manifest";

export interface RenderRequest {
    readonly source: ChartSource;
    readonly releaseName: string;
    readonly namespace: string;
    /** Values files' contents, merged in order, then `values` on top (Helm's precedence). */
    readonly valueFiles: readonly string[];
    readonly values: Record<string, unknown>;
    readonly includeCrds: boolean;
    readonly kubeVersion?: string;
    readonly apiVersions?: readonly string[];
    readonly dependencyUpdate?: boolean;
    readonly plainHttp?: boolean;
    /** Repository credentials, used only when the chart is fetched. */
    readonly auth?: RepositoryAuth;
}

export interface RepositoryAuth {
    readonly username?: string;
    readonly password?: string;
    /** TLS files as a path, or as the text of an asset (written to a temporary file for Helm). */
    readonly files?: readonly { readonly flag: "--ca-file" | "--cert-file" | "--key-file"; readonly path?: string; readonly text?: string }[];
}

export interface RenderedDoc {
    readonly object: Record<string, unknown>;
    /** Carries a `helm.sh/hook` annotation: Helm runs it around the release rather than installing it. */
    readonly hook: boolean;
    /** A test hook, by the provider's own test (`"?helm.sh/hook"?:.*test` on the hook's text). */
    readonly testHook: boolean;
    readonly text: string;
}

export interface Rendered {
    readonly helm: string;
    readonly docs: readonly RenderedDoc[];
}

const TEST_HOOK = /"?helm.sh\/hook"?:.*test/;
/** Helm's wording when a chart or its repository cannot be reached or has no such version. */
const FETCH_ERROR = /fetch|pull|download|repo|dial|lookup|no such host|timeout|connection|not found|registry|x509|status code/i;
const cache = new Map<string, Promise<Rendered>>();

/** Helm renders on every core it gets; two at a time keep a program with many charts from starving the machine. */
const MAX_RENDERS = 2;
let active = 0;
const waiting: (() => void)[] = [];

async function limited<T>(fn: () => Promise<T>): Promise<T> {
    // A finishing render hands its slot straight to the next waiter, so the count never overshoots.
    if (active >= MAX_RENDERS) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
        return await fn();
    } finally {
        const next = waiting.shift();
        if (next) next();
        else active--;
    }
}

/** Splits `helm template` output into documents; Helm prints each manifest and hook as its own document. */
export function splitManifest(text: string, where: string): RenderedDoc[] {
    const docs: RenderedDoc[] = [];
    for (const part of text.split(/^---[ \t]*$/m)) {
        for (const object of decodeDocuments(part, where)) {
            const annotations = ((object.metadata as Record<string, unknown> | undefined)?.annotations ?? {}) as Record<string, unknown>;
            const hook = typeof annotations["helm.sh/hook"] === "string";
            docs.push({ object, hook, testHook: hook && TEST_HOOK.test(part), text: part });
        }
    }
    return docs;
}

function helmArgs(req: RenderRequest, dir: string): string[] {
    const args = ["template", req.releaseName];
    args.push(...(req.source.kind === "local" ? [req.source.path] : req.source.args));
    args.push("--namespace", req.namespace);
    if (req.includeCrds) args.push("--include-crds");
    if (req.kubeVersion) args.push("--kube-version", req.kubeVersion);
    for (const v of req.apiVersions ?? []) args.push("--api-versions", v);
    if (req.dependencyUpdate) args.push("--dependency-update");
    if (req.plainHttp) args.push("--plain-http");
    if (req.source.kind === "remote" && req.auth) {
        if (req.auth.username) args.push("--username", req.auth.username);
        if (req.auth.password) args.push("--password", req.auth.password);
        for (const [i, f] of (req.auth.files ?? []).entries()) {
            const file = f.path ?? path.join(dir, `tls-${i}.pem`);
            if (f.path === undefined) fs.writeFileSync(file, f.text ?? "", { mode: 0o600 });
            args.push(f.flag, file);
        }
    }
    req.valueFiles.forEach((text, i) => {
        const file = path.join(dir, `values-${i}.yaml`);
        fs.writeFileSync(file, text);
        args.push("--values", file);
    });
    // JSON is YAML: the program's values go last, so they win, as the provider merges them.
    const file = path.join(dir, "values-program.json");
    fs.writeFileSync(file, JSON.stringify(req.values));
    args.push("--values", file);
    return args;
}

function firstLines(text: string): string {
    return text.trim().split("\n").filter((l) => l.trim()).slice(-3).join(" ").replace(/^Error: /, "");
}

async function renderOnce(req: RenderRequest, helmPath?: string): Promise<Rendered> {
    const helm = await locateHelm(helmPath);
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "bulwark-helm-"));
    try {
        const args = helmArgs(req, dir);
        const out = await new Promise<string>((resolve, reject) => {
            // A gate should not wait minutes on a network that drops packets: a fetch gets a minute.
            const timeout = req.source.kind === "remote" ? 60_000 : 180_000;
            execFile(helm.path, args, { maxBuffer: 256 * 1024 * 1024, timeout, env: { ...process.env, HELM_NAMESPACE: req.namespace } },
                (err, stdout, stderr) => {
                    if (!err) { resolve(stdout); return; }
                    const why = err.killed ? `helm gave no answer within ${timeout / 1000}s` : firstLines(stderr || err.message);
                    reject(new Error(req.source.kind === "remote" && (err.killed || FETCH_ERROR.test(why))
                        ? fetchFailure(req.source, why)
                        : `helm ${helm.version} could not render ${req.source.label}: ${why}`));
                });
        });
        return { helm: `${helm.path} (${helm.version})`, docs: splitManifest(out, req.source.label) };
    } finally {
        await fs.promises.rm(dir, { recursive: true, force: true });
    }
}

/** What rendering cost a preview: Helm runs, renders answered from an earlier one, and Helm's wall time. */
export interface RenderStats {
    renders: number;
    reused: number;
    helmMs: number;
}

/**
 * Renders `req` once per process: a chart at one version with the same values and options is
 * rendered once however many programs or resources ask for it. A failed render is retried on the
 * next request.
 */
export function render(req: RenderRequest, helmPath?: string, stats?: RenderStats): Promise<Rendered> {
    const key = createHash("sha256").update(JSON.stringify([req, helmPath ?? ""])).digest("hex");
    let rendered = cache.get(key);
    if (rendered) {
        if (stats) stats.reused++;
        return rendered;
    }
    rendered = limited(async () => {
        const start = performance.now();
        try {
            return await renderOnce(req, helmPath);
        } finally {
            if (stats) {
                stats.renders++;
                stats.helmMs += performance.now() - start;
            }
        }
    });
    cache.set(key, rendered);
    rendered.catch(() => cache.delete(key));
    return rendered;
}

/** Pipes manifests through a post-renderer command (run in the project folder), as Helm's exec post-renderer does. */
export async function postRender(docs: readonly RenderedDoc[], command: string, args: readonly string[], cwd: string): Promise<RenderedDoc[]> {
    const input = docs.map((d) => d.text.trim()).join("\n---\n");
    const out = await new Promise<string>((resolve, reject) => {
        const child = spawn(command, [...args], { cwd, stdio: ["pipe", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => { stdout += d; });
        child.stderr.on("data", (d) => { stderr += d; });
        child.on("error", (e) => reject(new Error(`postRenderer ${command}: ${e.message}`)));
        child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`postRenderer ${command} exited with ${code}: ${firstLines(stderr)}`))));
        child.stdin.end(input);
    });
    return splitManifest(out, `the output of postRenderer ${command}`);
}
