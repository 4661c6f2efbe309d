/** Throw-away Pulumi projects outside the repo, written as teams write them, run by the program host. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "../projects";

export const PACKS = ["policy-packs/kubernetes", "policy-packs/aws"].map((p) => path.join(ROOT, p));

export interface ProjectFiles {
    readonly [file: string]: string;
}

/**
 * A project folder with `files` (a `Pulumi.yaml` and a `Pulumi.dev.yaml` unless given) and, unless
 * `install` is false, the repo's node_modules linked in so that no install is needed.
 */
export function programProject(name: string, files: ProjectFiles, install = true): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bulwark-${name}-`));
    const all: Record<string, string> = {
        "Pulumi.yaml": `name: ${name}\nruntime: nodejs\n`,
        "Pulumi.dev.yaml": "config: {}\n",
        "package.json": JSON.stringify({ name, main: "index.ts", dependencies: { "@pulumi/pulumi": "3.248.0", "@pulumi/aws": "7.48.0" } }),
        ...files,
    };
    for (const [file, text] of Object.entries(all)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
    }
    if (install) fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    return dir;
}

/** Collects what the program prints, so a test can look at it (and the test's output stays clean). */
export function outputSink(): { text: () => string; onProgramOutput: (chunk: string) => void } {
    const chunks: string[] = [];
    return { text: () => chunks.join(""), onProgramOutput: (chunk) => void chunks.push(chunk) };
}
