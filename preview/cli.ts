#!/usr/bin/env node
/**
 * The `bulwark` command: the offline preview of a Pulumi program with the policy packs enforced, as a
 * CI gate (`bulwark preview`), and each pack's `--policy-pack-config` file for the Pulumi CLI
 * (`bulwark policy-config`). Run `bulwark --help` for the flags and exit codes.
 */
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { parseArgs } from "util";
import { type OfflinePreviewOptions, type OfflinePreviewReport, runOfflinePreview } from "./offline-preview";
import { toJsonReport } from "./output/json";
import { toSarif } from "./output/sarif";
import { formatReport } from "./output/text";
import { writeAtomic } from "./output/write";
import { formatExemptionRequests } from "./exemption-requests";
import { writePolicyConfigs } from "./policy-config-files";
import { packInfosOf, reportSummaryLine, runReportCommand, writeComplianceReport } from "./report";

export { formatReport };

/** Exit codes, as `--help` documents them. */
export const EXIT = { pass: 0, violations: 1, error: 2, incomplete: 3 } as const;

const HELP = `usage: bulwark preview [options] [--report <file>]
       bulwark policy-config [options] [--out <dir>]
       bulwark report [options] [--out <file>] [--catalog <dir>]

Previews a Pulumi program offline (mocked providers, no cloud account or cluster) with Bulwark's
policy packs enforced as \`pulumi preview --policy-pack\` enforces them, and fails when a mandatory
policy is violated or when part of the program could not be analyzed.

options:
  --project <dir>      The Pulumi project folder (with Pulumi.yaml). Default: the current folder.
  --stack <name>       The stack whose config (Pulumi.<stack>.yaml) and policy settings
                       (policy.<stack>.yaml) to use. Default: the only Pulumi.<stack>.yaml in the
                       project's stack config folder, else "dev". A stack without a config file
                       previews with the project's config defaults, as Pulumi allows.
  --pack <dir>         A policy pack folder to enforce; repeat for several. Default: the packs that
                       ship with Bulwark (bulwark-kubernetes and bulwark-aws).
  --json <file|->      Also write the results as JSON to <file>, or to stdout with "-".
  --sarif <file|->     Also write the results as SARIF 2.1.0 (for GitHub code scanning) to <file>,
                       or to stdout with "-". Paths in it are relative to the current folder.
  --allow-incomplete   Do not fail because resources could not be analyzed offline (remote
                       components, charts that cannot be rendered); they are still listed.
  --chart-cache <dir>  A folder of packaged Helm charts with an index.yaml, tried before any chart
                       repository.
  --helm <path>        The Helm binary that renders charts. Default: helm on PATH, else the one
                       Bulwark extracts.
  --report <file>      preview only: also write the compliance report as <file>.html and <file>.md.
  --out <path>         policy-config: the folder for <pack>.<stack>.json (default .bulwark/policy-config);
                       report: the report's path without extension (default .bulwark/report/<stack>).
  --catalog <dir>      report only: the control catalogs to check the coverage matrix against
                       (default: the snapshot that ships with Bulwark).
  -h, --help           Show this help.

When --json or --sarif writes to stdout, stdout carries only that document: the report and the
program's own output go to stderr. Files are written whole or not at all. Relative paths are
resolved from the current folder.

exit codes:
  0  pass: no mandatory violation, and every resource was analyzed
  1  mandatory policy violations
  2  usage, config or program error (the message says which and where)
  3  incomplete: some resources could not be analyzed offline (see "Not analyzed"), and
     --allow-incomplete was not given
`;

class UsageError extends Error {
    constructor(message: string) {
        super(`${message}\nRun \`bulwark --help\` for the flags.`);
        this.name = "UsageError";
    }
}

/** The folder of Bulwark's package.json: the repository, or the installed package beside node_modules. */
function packageRoot(): string {
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file) && (JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string }).name === "bulwark") return dir;
        if (path.dirname(dir) === dir) throw new Error(`cannot find Bulwark's package.json above ${__dirname}`);
    }
}

/** The project file's fields the command needs before anything runs, each checked with its fix. */
function readProjectFile(projectDir: string): { stackConfigDir: string } {
    const file = path.join(projectDir, "Pulumi.yaml");
    if (!fs.existsSync(file)) throw new UsageError(`${projectDir} has no Pulumi.yaml: run inside a Pulumi project or pass --project <dir>`);
    let doc: unknown;
    try {
        doc = yaml.load(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new UsageError(`${file} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
    }
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new UsageError(`${file} must be a mapping with name and runtime`);
    const project = doc as { name?: unknown; runtime?: unknown; stackConfigDir?: unknown };
    if (typeof project.name !== "string" || project.name.trim() === "") {
        throw new UsageError(`${file} has no name: add \`name: <project>\` (Pulumi requires it; it is part of every URN)`);
    }
    const runtime = typeof project.runtime === "object" && project.runtime !== null ? (project.runtime as { name?: unknown }).name : project.runtime;
    if (runtime !== "nodejs") {
        throw new UsageError(`${file} declares runtime ${JSON.stringify(runtime ?? null)}: bulwark previews only Node.js programs (runtime: nodejs, in TypeScript or JavaScript)`);
    }
    return { stackConfigDir: path.resolve(projectDir, typeof project.stackConfigDir === "string" ? project.stackConfigDir : ".") };
}

function knownStacks(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir).filter((f) => /^Pulumi\..+\.yaml$/.test(f)).map((f) => f.slice("Pulumi.".length, -".yaml".length));
}

export interface CliArgs {
    readonly command: "preview" | "policy-config" | "report" | "help";
    readonly options: OfflinePreviewOptions;
    readonly json?: string;
    readonly sarif?: string;
    readonly allowIncomplete: boolean;
    readonly out: string;
    /** preview: also write the compliance report there (`.html` and `.md`). */
    readonly report?: string;
    /** report: control catalogs to check the coverage matrix against. */
    readonly catalog?: string;
    /** What to tell about the stack chosen: several stacks and none named, or a named stack without a config file. */
    readonly stackNote?: string;
}

export function parseCli(argv: readonly string[], cwd = process.cwd()): CliArgs {
    const first = argv[0];
    const command = first === undefined || first.startsWith("-") ? "preview" : first;
    const rest = first === undefined || first.startsWith("-") ? argv : argv.slice(1);
    let values;
    try {
        ({ values } = parseArgs({
            args: [...rest],
            options: {
                project: { type: "string" },
                stack: { type: "string" },
                pack: { type: "string", multiple: true },
                json: { type: "string" },
                sarif: { type: "string" },
                "allow-incomplete": { type: "boolean", default: false },
                "chart-cache": { type: "string" },
                helm: { type: "string" },
                out: { type: "string" },
                report: { type: "string" },
                catalog: { type: "string" },
                help: { type: "boolean", short: "h", default: false },
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (e) {
        throw new UsageError((e as Error).message);
    }
    if (values.help || command === "help") return { command: "help", options: { projectDir: cwd, stack: "", packs: [] }, allowIncomplete: false, out: "" };
    if (command !== "preview" && command !== "policy-config" && command !== "report") throw new UsageError(`unknown command "${command}": use preview, policy-config or report`);
    if (values.json === "-" && values.sarif === "-") throw new UsageError("--json - and --sarif - cannot both write to stdout: send one to a file");
    if (command !== "preview" && (values.json || values.sarif || values.report)) throw new UsageError(`--json, --sarif and --report apply to preview, not ${command}`);
    if (command !== "report" && values.catalog) throw new UsageError("--catalog applies to report");
    if (command === "preview" && values.out) throw new UsageError("--out applies to policy-config and report; use --json, --sarif or --report to write preview results");
    for (const flag of ["project", "stack", "json", "sarif", "chart-cache", "helm", "out", "report", "catalog"] as const) {
        if (values[flag] === "") throw new UsageError(`--${flag} needs a value`);
    }

    const projectDir = path.resolve(cwd, values.project ?? ".");
    const known = knownStacks(readProjectFile(projectDir).stackConfigDir);
    // Pulumi names a stack "<stack>", "<project>/<stack>" or "<org>/<project>/<stack>"; its config file uses the last part.
    const segments = values.stack?.split("/");
    if (segments && (segments.length > 3 || segments.some((p) => !/^[A-Za-z0-9_.-]+$/.test(p) || p === "." || p === ".."))) {
        throw new UsageError(`--stack "${values.stack}" is not a stack name: use letters, digits, "-", "_" and ".", optionally as <org>/<project>/<stack>`);
    }
    let stack = segments?.at(-1);
    let stackNote: string | undefined;
    if (!stack) {
        stack = known.length === 1 ? known[0] : "dev";
        if (known.length > 1) stackNote = `several stacks have config (${known.join(", ")}); previewing "dev": choose one with --stack`;
    } else if (!known.includes(stack)) {
        stackNote = `stack "${stack}" has no Pulumi.${stack}.yaml (known: ${known.join(", ") || "none"}); previewing with the project's config defaults`;
    }
    const root = packageRoot();
    const packs = values.pack?.length
        ? values.pack.map((p) => path.resolve(cwd, p))
        : ["policy-packs/kubernetes", "policy-packs/aws"].map((p) => path.join(root, p));
    for (const [i, pack] of packs.entries()) {
        if (!fs.existsSync(path.join(pack, "PulumiPolicy.yaml"))) {
            throw new UsageError(`--pack ${values.pack?.[i] ?? pack}: ${pack} is not a policy pack (it has no PulumiPolicy.yaml)`);
        }
    }
    const resolveOptional = (p: string | undefined) => (p === undefined ? undefined : path.resolve(cwd, p));
    const chartCache = resolveOptional(values["chart-cache"]);
    if (chartCache && !fs.existsSync(path.join(chartCache, "index.yaml"))) {
        throw new UsageError(`--chart-cache ${values["chart-cache"]}: ${chartCache} has no index.yaml (a chart cache is a Helm repository on disk: \`helm repo index <dir>\`)`);
    }
    const helm = resolveOptional(values.helm);
    if (helm && !fs.existsSync(helm)) throw new UsageError(`--helm ${values.helm}: ${helm} does not exist`);
    const toFile = (p: string | undefined) => (p === undefined || p === "-" ? p : path.resolve(cwd, p));
    if (values.json && values.json !== "-" && toFile(values.json) === toFile(values.sarif)) {
        throw new UsageError(`--json and --sarif both name ${toFile(values.json)}: give each its own file`);
    }
    return {
        command,
        options: { projectDir, stack, packs, chartCache, helm },
        json: toFile(values.json),
        sarif: toFile(values.sarif),
        allowIncomplete: values["allow-incomplete"] ?? false,
        out: path.resolve(cwd, values.out ?? (command === "report" ? path.join(".bulwark/report", stack) : ".bulwark/policy-config")),
        report: toFile(values.report),
        catalog: resolveOptional(values.catalog),
        stackNote,
    };
}

export function exitCodeOf(report: OfflinePreviewReport, allowIncomplete: boolean): number {
    if (report.mandatory.length > 0) return EXIT.violations;
    if (report.incomplete.length > 0 && !allowIncomplete) return EXIT.incomplete;
    return EXIT.pass;
}

/** Errors that explain themselves (config, settings, usage, the program's own) print their message; others their stack. */
function isExplained(e: unknown): boolean {
    if (!(e instanceof Error)) return false;
    const pulumiMarked = ["__pulumiRunError", "__pulumiInputPropertiesError", "__pulumiInputPropertyError", "__pulumResourceError"].some((k) => k in e);
    const builtin = ["Error", "TypeError", "RangeError", "ReferenceError", "SyntaxError", "EvalError", "URIError", "AggregateError"];
    return pulumiMarked || !builtin.includes(e.name);
}

export function describeError(e: unknown): string {
    if (isExplained(e)) return `error: ${(e as Error).message}`;
    if (e instanceof Error) return `error: ${e.stack ?? e.message}`;
    return `error: ${String(e)}`;
}

interface Streams {
    /** Where machine-readable output goes when `-` is given. */
    readonly stdout: (s: string) => void;
    /** Where the report for people goes. */
    readonly text: (s: string) => void;
}

async function preview(args: CliArgs, io: Streams): Promise<number> {
    const toStdout = args.json === "-" || args.sarif === "-";
    const report = await runOfflinePreview({
        ...args.options,
        onProgramOutput: (chunk, stream) => (toStdout || stream === "stderr" ? process.stderr.write(chunk) : process.stdout.write(chunk)),
    });
    io.text(`${formatReport(report, args.allowIncomplete)}\n`);
    const version = (JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
    const outputs: [string | undefined, () => unknown][] = [
        [args.json, () => toJsonReport(report)],
        [args.sarif, () => toSarif(report, { projectDir: args.options.projectDir, sourceRoot: process.cwd(), toolVersion: version })],
    ];
    for (const [target, build] of outputs) {
        if (target === undefined) continue;
        const content = `${JSON.stringify(build(), null, 2)}\n`;
        if (target === "-") io.stdout(content);
        else writeAtomic(target, content);
    }
    if (args.report) {
        const written = await writeComplianceReport(report, packInfosOf(report), { out: args.report });
        process.stderr.write(`${reportSummaryLine(written)}\n`);
    }
    return exitCodeOf(report, args.allowIncomplete);
}

async function policyConfig(args: CliArgs, io: Streams): Promise<number> {
    const written = await writePolicyConfigs(args.options, args.out);
    for (const file of written.files) io.text(`wrote ${path.relative(process.cwd(), file) || file}\n`);
    const lines = formatExemptionRequests(written.exemptionRequests);
    if (lines.length > 0) io.text(`${["", ...lines, "Only accepted requests are in the files."].join("\n")}\n`);
    return EXIT.pass;
}

export async function main(argv: readonly string[]): Promise<number> {
    const realStdout = process.stdout.write.bind(process.stdout);
    let args: CliArgs;
    try {
        args = parseCli(argv);
    } catch (e) {
        process.stderr.write(`${describeError(e)}\n`);
        return EXIT.error;
    }
    if (args.command === "help") {
        realStdout(HELP);
        return EXIT.pass;
    }
    const toStdout = args.json === "-" || args.sarif === "-";
    const io: Streams = { stdout: (s) => realStdout(s), text: (s) => (toStdout ? process.stderr.write(s) : realStdout(s)) };
    if (args.stackNote) process.stderr.write(`note: ${args.stackNote}\n`);
    // While stdout carries a document, anything else that writes to it (a program run in this
    // process, a library's console.log) goes to stderr instead.
    if (toStdout) process.stdout.write = ((chunk: any, ...rest: any[]) => process.stderr.write(chunk, ...rest)) as typeof process.stdout.write;
    try {
        if (args.command === "report") {
            io.text(`${reportSummaryLine(await runReportCommand({ ...args.options, out: args.out, catalogDir: args.catalog }))}\n`);
            return EXIT.pass;
        }
        return args.command === "policy-config" ? await policyConfig(args, io) : await preview(args, io);
    } catch (e) {
        process.stderr.write(`${describeError(e)}\n`);
        return EXIT.error;
    } finally {
        process.stdout.write = realStdout;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        // Let stdout drain before exiting, so a large JSON or SARIF document reaches a pipe whole.
        (code) => process.stdout.write("", () => process.exit(code)),
        (e: unknown) => {
            process.stderr.write(`${describeError(e)}\n`);
            process.exit(EXIT.error);
        },
    );
}
