/**
 * What the engine and the Node.js language host work out from `Pulumi.yaml` before they start a
 * program: the runtime and its options, the program directory and entry point (`main`), and the
 * project's own copy of the SDK's `cmd/run`, which is what actually runs the program.
 */
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { ConfigError } from "./errors";

export interface RuntimeOptions {
    /** `runtime.options.typescript`: default true, as the language host has it. */
    readonly typescript: boolean;
    /** `runtime.options.tsconfig`: passed on as PULUMI_NODEJS_TSCONFIG_PATH. */
    readonly tsconfig?: string;
    /** `runtime.options.nodeargs`, split as a shell splits them. */
    readonly nodeargs: string[];
    readonly packagemanager: "npm" | "yarn" | "pnpm" | "bun";
}

export interface ProgramProject {
    /** The folder of Pulumi.yaml: the engine's root directory. */
    readonly rootDir: string;
    readonly file: string;
    readonly name: string;
    readonly options: RuntimeOptions;
    /** Where the program runs: `main` when it is a folder, its folder when it is a file, else the root. */
    readonly programDir: string;
    /** What the run harness loads: "." for the program folder (package.json `main`/`exports` then index), or a file. */
    readonly entryPoint: string;
}

const PACKAGE_MANAGERS = ["npm", "yarn", "pnpm", "bun"] as const;

/** Splits `nodeargs` as the language host does (shell words: quotes group, backslash escapes). */
export function splitShellWords(text: string): string[] {
    const words: string[] = [];
    let word = "";
    let quote: '"' | "'" | undefined;
    let started = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quote) {
            if (c === quote) quote = undefined;
            else if (c === "\\" && quote === '"' && i + 1 < text.length) word += text[++i];
            else word += c;
        } else if (c === '"' || c === "'") {
            quote = c;
            started = true;
        } else if (c === "\\" && i + 1 < text.length) {
            word += text[++i];
            started = true;
        } else if (/\s/.test(c)) {
            if (started) words.push(word);
            word = "";
            started = false;
        } else {
            word += c;
            started = true;
        }
    }
    if (quote) throw new Error(`unterminated ${quote} quote`);
    if (started) words.push(word);
    return words;
}

function detectPackageManager(dirs: readonly string[]): RuntimeOptions["packagemanager"] {
    const locks: [string, RuntimeOptions["packagemanager"]][] = [["yarn.lock", "yarn"], ["pnpm-lock.yaml", "pnpm"], ["bun.lockb", "bun"], ["bun.lock", "bun"]];
    for (const dir of dirs) for (const [file, pm] of locks) if (fs.existsSync(path.join(dir, file))) return pm;
    return "npm";
}

function runtimeOf(file: string, doc: Record<string, unknown>): { name: string; options: Record<string, unknown> } {
    const runtime = doc.runtime;
    if (typeof runtime === "string") return { name: runtime, options: {} };
    if (runtime && typeof runtime === "object" && !Array.isArray(runtime)) {
        const r = runtime as { name?: unknown; options?: unknown };
        if (typeof r.name !== "string") throw new ConfigError(`${file}: runtime.name is missing; set it to nodejs`);
        const options = r.options && typeof r.options === "object" && !Array.isArray(r.options) ? (r.options as Record<string, unknown>) : {};
        return { name: r.name, options };
    }
    throw new ConfigError(`${file}: runtime is missing; set it to nodejs (runtime: nodejs)`);
}

function optionsOf(file: string, raw: Record<string, unknown>, dirs: readonly string[]): RuntimeOptions {
    const typescript = raw.typescript === undefined ? true : raw.typescript === true || raw.typescript === "true";
    if (raw.typescript !== undefined && typeof raw.typescript !== "boolean" && raw.typescript !== "true" && raw.typescript !== "false") {
        throw new ConfigError(`${file}: runtime.options.typescript must be true or false, not ${JSON.stringify(raw.typescript)}`);
    }
    let nodeargs: string[] = [];
    if (raw.nodeargs !== undefined) {
        if (typeof raw.nodeargs !== "string") throw new ConfigError(`${file}: runtime.options.nodeargs must be a string of node flags`);
        try {
            nodeargs = splitShellWords(raw.nodeargs);
        } catch (e) {
            throw new ConfigError(`${file}: runtime.options.nodeargs: ${(e as Error).message}`);
        }
    }
    const pm = raw.packagemanager;
    if (pm !== undefined && !PACKAGE_MANAGERS.includes(pm as (typeof PACKAGE_MANAGERS)[number])) {
        throw new ConfigError(`${file}: runtime.options.packagemanager must be one of ${PACKAGE_MANAGERS.join(", ")}, not ${JSON.stringify(pm)}`);
    }
    if (raw.tsconfig !== undefined && typeof raw.tsconfig !== "string") throw new ConfigError(`${file}: runtime.options.tsconfig must be a path`);
    return {
        typescript,
        nodeargs,
        packagemanager: (pm as RuntimeOptions["packagemanager"] | undefined) ?? detectPackageManager(dirs),
        ...(typeof raw.tsconfig === "string" ? { tsconfig: raw.tsconfig } : {}),
    };
}

/** Reads `Pulumi.yaml` as the engine does before it asks the language host to run the program. */
export function readProgramProject(dir: string): ProgramProject {
    const rootDir = path.resolve(dir);
    const file = path.join(rootDir, "Pulumi.yaml");
    if (!fs.existsSync(file)) throw new ConfigError(`${rootDir} has no Pulumi.yaml: point --project at the folder that holds it`);
    let doc: unknown;
    try {
        doc = yaml.load(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new ConfigError(`${file} is not valid YAML: ${(e as Error).message}`);
    }
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new ConfigError(`${file} must be a mapping with name, runtime and (optionally) main`);
    const d = doc as Record<string, unknown>;
    if (typeof d.name !== "string" || d.name.trim() === "") throw new ConfigError(`${file}: name is missing; every Pulumi project needs one (name: my-project)`);
    const runtime = runtimeOf(file, d);
    if (runtime.name !== "nodejs") {
        throw new ConfigError(
            `${file}: runtime is ${runtime.name}; the offline preview runs only Node.js programs (runtime: nodejs), in TypeScript or JavaScript`,
        );
    }
    // The engine runs a folder `main` from inside it and a file `main` from its folder, so that
    // relative paths in the program resolve where its author expects.
    let programDir = rootDir;
    let entryPoint = ".";
    if (d.main !== undefined) {
        if (typeof d.main !== "string") throw new ConfigError(`${file}: main must be a path relative to the project folder`);
        const main = path.resolve(rootDir, d.main);
        if (!fs.existsSync(main)) throw new ConfigError(`${file}: main is ${d.main}, but ${main} does not exist`);
        if (fs.statSync(main).isDirectory()) programDir = main;
        else {
            programDir = path.dirname(main);
            entryPoint = main;
        }
    }
    return { rootDir, file, name: d.name, options: optionsOf(file, runtime.options, [programDir, rootDir]), programDir, entryPoint };
}

/** The command that installs a project's dependencies with its package manager. */
export function installCommand(pm: RuntimeOptions["packagemanager"]): string {
    return `${pm} install`;
}

/**
 * The project's own `@pulumi/pulumi/cmd/run`, found from the program folder as Node.js finds it:
 * the program must run on the SDK it was installed with, never on Bulwark's.
 */
export function locateRunHarness(project: ProgramProject): string {
    try {
        const pkg = require.resolve("@pulumi/pulumi/package.json", { paths: [project.programDir] });
        const run = path.join(path.dirname(pkg), "cmd", "run");
        if (fs.existsSync(path.join(run, "index.js"))) return run;
    } catch {
        // Reported below, with the fix.
    }
    const hasModules = [project.programDir, project.rootDir].some((d) => fs.existsSync(path.join(d, "node_modules")));
    const where = fs.existsSync(path.join(project.programDir, "package.json")) ? project.programDir : project.rootDir;
    throw new ConfigError(
        hasModules
            ? `@pulumi/pulumi is not installed for the program in ${project.programDir}: add it (${project.options.packagemanager === "npm" ? "npm install @pulumi/pulumi" : `${project.options.packagemanager} add @pulumi/pulumi`}) in ${where}`
            : `the program's dependencies are not installed: run \`${installCommand(project.options.packagemanager)}\` in ${where}`,
    );
}
