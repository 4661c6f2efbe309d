/** Runs the `bulwark` command as a user does, on throw-away Pulumi projects written by the tests. */
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "./projects";

const TSX = path.join(ROOT, "node_modules/.bin/tsx");

export interface CliRun {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
    /** stdout then stderr, for assertions that do not care which. */
    readonly out: string;
}

/** `bulwark <args>` in `cwd`, from the sources (the packed command has its own test). */
export function bulwark(args: readonly string[], cwd = ROOT): CliRun {
    const r = spawnSync(TSX, [path.join(ROOT, "preview/cli.ts"), ...args], { cwd, encoding: "utf8", timeout: 300_000 });
    if (r.error) throw r.error;
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, out: `${r.stdout}${r.stderr}` };
}

/**
 * A Pulumi project in a fresh temp folder: `Pulumi.yaml` (name `app`), the given files (a program in
 * `index.ts` at least), and Bulwark's own node_modules linked in as the project's, as an installed
 * project has them.
 */
export function programProject(files: Record<string, string>, pulumiYaml = "name: app\nruntime: nodejs\n"): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-app-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), pulumiYaml);
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    for (const [name, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), content);
    }
    return dir;
}

/** A validator for the SARIF 2.1.0 schema as Microsoft's SARIF SDK ships it (the OASIS schema, draft 2020-12). */
export function sarifValidator() {
    const schema = JSON.parse(fs.readFileSync(require.resolve("@microsoft/sarif-multitool-linux/sarif-2.1.0.json"), "utf8"));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    return ajv.compile(schema);
}
