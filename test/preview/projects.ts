/** Throw-away project folders that run the real stack program with a stack config of the test's own. */
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as os from "os";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "../..");

/** The dev stack's policy settings with `overrides` laid on top, as YAML. */
export function devSettings(overrides: Record<string, unknown>): string {
    // The core schema keeps dates the strings the settings hold, as the preview reads them.
    const dev = yaml.load(fs.readFileSync(path.join(ROOT, "stacks/policy.dev.yaml"), "utf8"), { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>;
    return yaml.dump({ ...dev, ...overrides });
}

/** A project whose stack `stack` has the given `Pulumi.<stack>.yaml` and, optionally, `policy.<stack>.yaml`. */
export function tempProject(stack: string, stackYaml: string, policyYaml?: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bulwark-stack-"));
    const project = fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")
        .replace(/^main: .*$/m, `main: ${path.join(ROOT, "stacks")}`)
        .replace(/^stackConfigDir: .*$/m, "stackConfigDir: .");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), project);
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stackYaml);
    if (policyYaml) fs.writeFileSync(path.join(dir, `policy.${stack}.yaml`), policyYaml);
    return dir;
}
