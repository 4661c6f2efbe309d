/**
 * Reads a project's `Pulumi.yaml` and a stack's `Pulumi.<stack>.yaml` the way the CLI does, for an
 * offline preview: declared config keys get their defaults and are type-checked, `secure:` values
 * become marked secret placeholders (policies never need the plaintext), and every problem is
 * reported at once with the key and the fix.
 */
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";

export const SECRET_PLACEHOLDER = "[secret: encrypted in the stack config, not decrypted offline]";

interface ConfigDeclaration {
    type?: "string" | "integer" | "boolean" | "array";
    description?: string;
    default?: unknown;
    secret?: boolean;
    items?: { type?: string };
}

export interface Project {
    readonly dir: string;
    readonly name: string;
    /** Absolute path of the program. */
    readonly main: string;
    readonly stackConfigDir: string;
    readonly declarations: Readonly<Record<string, ConfigDeclaration>>;
}

export interface StackConfig {
    readonly project: Project;
    readonly stack: string;
    readonly file: string;
    /** Config as the runtime takes it: fully qualified keys, string values (JSON for structures). */
    readonly values: Record<string, string>;
    readonly secretKeys: string[];
}

export class StackConfigError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(problems.length === 1 ? problems[0] : `invalid stack config:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "StackConfigError";
    }
}

/** A YAML file as a mapping; a parse error or another shape is a StackConfigError naming the file. */
function readMapping(file: string, what: string): Record<string, any> {
    let doc: unknown;
    try {
        doc = yaml.load(fs.readFileSync(file, "utf8"), { filename: file });
    } catch (e) {
        throw new StackConfigError([`${file} is not valid YAML: ${(e as Error).message.split("\n")[0]}`]);
    }
    if (doc === undefined || doc === null) return {};
    if (typeof doc !== "object" || Array.isArray(doc)) throw new StackConfigError([`${file} must be a mapping (${what})`]);
    return doc as Record<string, any>;
}

export function loadProject(dir: string): Project {
    const file = path.join(dir, "Pulumi.yaml");
    if (!fs.existsSync(file)) throw new StackConfigError([`${dir} has no Pulumi.yaml: run from the project's folder`]);
    const doc = readMapping(file, "name:, runtime:, main:, config:");
    return {
        dir,
        name: String(doc.name),
        main: path.resolve(dir, doc.main ?? "."),
        stackConfigDir: path.resolve(dir, doc.stackConfigDir ?? "."),
        declarations: (doc.config ?? {}) as Record<string, ConfigDeclaration>,
    };
}

function typeProblem(key: string, decl: ConfigDeclaration, value: unknown): string | undefined {
    const want = decl.type;
    if (!want) return undefined;
    const ok =
        (want === "string" && typeof value === "string") ||
        (want === "integer" && Number.isInteger(typeof value === "string" ? Number(value) : value)) ||
        (want === "boolean" && (typeof value === "boolean" || value === "true" || value === "false")) ||
        (want === "array" && Array.isArray(value));
    const article = { string: "a string", integer: "an integer", boolean: "a boolean", array: "a list" }[want];
    if (!ok) return `${key} must be ${article} (Pulumi.yaml declares it so), not ${JSON.stringify(value)}`;
    if (want === "array" && decl.items?.type) {
        const bad = (value as unknown[]).findIndex((v) => typeof v !== (decl.items!.type === "integer" ? "number" : decl.items!.type));
        if (bad >= 0) return `${key}[${bad}] must be a ${decl.items.type}, not ${JSON.stringify((value as unknown[])[bad])}`;
    }
    return undefined;
}

/**
 * Loads `Pulumi.<stack>.yaml` from the project's stack config folder. A stack without one has only
 * the project's config defaults, as Pulumi allows.
 */
export function loadStackConfig(project: Project, stack: string): StackConfig {
    const file = path.join(project.stackConfigDir, `Pulumi.${stack}.yaml`);
    const doc = (fs.existsSync(file) ? readMapping(file, "config: with the stack's settings") : {}) as { config?: unknown };
    if (doc.config !== undefined && doc.config !== null && (typeof doc.config !== "object" || Array.isArray(doc.config))) {
        throw new StackConfigError([`${path.relative(project.dir, file)}: config must be a mapping of keys to values`]);
    }
    const given = (doc.config ?? {}) as Record<string, unknown>;
    const problems: string[] = [];
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    const qualify = (k: string) => (k.includes(":") ? k : `${project.name}:${k}`);

    for (const [key, decl] of Object.entries(project.declarations)) {
        if (decl.default !== undefined) values[qualify(key)] = typeof decl.default === "string" ? decl.default : JSON.stringify(decl.default);
    }
    for (const [rawKey, raw] of Object.entries(given)) {
        const key = qualify(rawKey);
        const local = key.startsWith(`${project.name}:`) ? key.slice(project.name.length + 1) : undefined;
        const decl = local !== undefined ? project.declarations[local] : undefined;
        if (raw && typeof raw === "object" && !Array.isArray(raw) && "secure" in raw) {
            values[key] = SECRET_PLACEHOLDER;
            secretKeys.push(key);
            continue;
        }
        if (decl) {
            const problem = typeProblem(rawKey, decl, raw);
            if (problem) problems.push(problem);
        }
        values[key] = typeof raw === "string" ? raw : JSON.stringify(raw);
    }
    for (const [key, decl] of Object.entries(project.declarations)) {
        const plain = given[key] ?? given[qualify(key)];
        if (decl.secret && !secretKeys.includes(qualify(key)) && plain !== undefined) {
            problems.push(`${key} is a secret: set it with \`pulumi config set --secret ${key} <value>\`, not in plain text`);
        }
    }
    if (problems.length > 0) throw new StackConfigError(problems.map((p) => `${path.relative(project.dir, file)}: ${p}`));
    return { project, stack, file, values, secretKeys };
}
