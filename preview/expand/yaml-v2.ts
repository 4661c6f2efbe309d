/**
 * `kubernetes:yaml/v2:ConfigFile` and `ConfigGroup`, expanded as their provider parses them: files
 * (ConfigGroup: glob patterns, matches sorted) read from the project folder or fetched by URL, then the
 * inline `yaml`, then `objs`; lists flattened; the provider's default namespace applied; children named
 * `<resourcePrefix>:<namespace>/<name>` with the component's name as the default prefix.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ExpandContext, ExpandOutcome } from "./index";
import { childrenOf, decodeDocuments } from "./manifest";
import { plainValues, unknownPaths } from "./values";

type Inputs = Record<string, unknown>;

/** Go's filepath.Glob meta characters, unless escaped: the provider globs only when one is present. */
export function isGlobPattern(pattern: string): boolean {
    return /(?:^|[^\\])[*?[]/.test(pattern);
}

/** One path segment of a Go filepath.Match pattern as a regular expression (`*`, `?`, `[...]`, `\` escapes). */
function segmentRegex(segment: string): RegExp {
    let re = "";
    for (let i = 0; i < segment.length; i++) {
        const c = segment[i];
        if (c === "\\" && i + 1 < segment.length) re += `\\${segment[++i]}`;
        else if (c === "*") re += "[^/]*";
        else if (c === "?") re += "[^/]";
        else if (c === "[") {
            const end = segment.indexOf("]", i + 2);
            if (end < 0) throw new Error(`syntax error in pattern ${JSON.stringify(segment)}: unclosed [`);
            // Go and JavaScript share the class syntax, `^` negation included.
            re += `[${segment.slice(i + 1, end)}]`;
            i = end;
        } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
    }
    return new RegExp(`^${re}$`);
}

/** Go filepath.Glob over the project folder: matches in lexical order; a pattern matching nothing yields nothing. */
export async function glob(pattern: string, cwd: string): Promise<string[]> {
    const abs = path.resolve(cwd, pattern);
    const root = path.parse(abs).root;
    let matches = [root];
    for (const segment of abs.slice(root.length).split(path.sep).filter(Boolean)) {
        const next: string[] = [];
        for (const dir of matches) {
            if (!isGlobPattern(segment)) {
                const candidate = path.join(dir, segment.replace(/\\(.)/g, "$1"));
                if (fs.existsSync(candidate)) next.push(candidate);
                continue;
            }
            let names: string[];
            try {
                names = await fs.promises.readdir(dir);
            } catch {
                continue;
            }
            const re = segmentRegex(segment);
            next.push(...names.filter((n) => re.test(n)).sort().map((n) => path.join(dir, n)));
        }
        matches = next;
    }
    return matches.sort();
}

async function readManifest(file: string, ctx: ExpandContext, where: string): Promise<string> {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) {
        try {
            const res = await fetch(file, { signal: AbortSignal.timeout(30_000) });
            if (!res.ok) throw new Error(`HTTP ${res.status}`);
            return await res.text();
        } catch (e) {
            throw new Error(`${where}: ${file} could not be fetched: ${(e as Error).message}; save the manifest in the project and name the file instead`);
        }
    }
    const abs = path.resolve(ctx.projectDir, file);
    try {
        return await fs.promises.readFile(abs, "utf8");
    } catch (e) {
        throw new Error(`${where}: cannot read ${abs} (files are relative to the project folder ${ctx.projectDir}): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
}

async function expand(where: string, name: string, inputs: Inputs, files: string[], globbing: boolean, ctx: ExpandContext): Promise<ExpandOutcome> {
    const unknown = unknownPaths(inputs);
    if (unknown.length) {
        return { expanded: false, reason: `${where}: ${unknown.join(", ")} unknown at preview, so the provider parses it only at \`pulumi up\`` };
    }
    const objects: Record<string, unknown>[] = [];
    for (const file of files) {
        const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(file);
        const paths = !isUrl && globbing && isGlobPattern(file) ? await glob(file, ctx.projectDir) : [file];
        for (const p of paths) objects.push(...decodeDocuments(await readManifest(p, ctx, where), `${where}: ${p}`));
    }
    const inline = inputs.yaml;
    for (const text of Array.isArray(inline) ? inline : inline === undefined || inline === null ? [] : [inline]) {
        if (typeof text !== "string") throw new Error(`${where}: yaml must be a string of YAML`);
        objects.push(...decodeDocuments(text, `${where}: yaml`));
    }
    const objs = inputs.objs === undefined || inputs.objs === null ? [] : Array.isArray(inputs.objs) ? inputs.objs : [inputs.objs];
    for (const [i, o] of ((await plainValues(objs, ctx.projectDir, `${where}: objs`)) as unknown[]).entries()) {
        if (!o || typeof o !== "object" || Array.isArray(o)) throw new Error(`${where}: objs[${i}] is not a Kubernetes object`);
        objects.push(o as Record<string, unknown>);
    }
    const resourcePrefix = typeof inputs.resourcePrefix === "string" ? inputs.resourcePrefix : name;
    return {
        expanded: true,
        children: childrenOf(objects, { defaultNamespace: ctx.defaultNamespace ?? "default", resourcePrefix, skipAwait: inputs.skipAwait === true, where }),
    };
}

export function expandConfigFile(name: string, inputs: Inputs, ctx: ExpandContext): Promise<ExpandOutcome> {
    const where = `yaml.v2.ConfigFile ${name}`;
    if (typeof inputs.file !== "string" || !inputs.file) throw new Error(`${where}: file is required (a path relative to the project folder, or a URL)`);
    return expand(where, name, { ...inputs, yaml: undefined, objs: undefined }, [inputs.file], false, ctx);
}

export function expandConfigGroup(name: string, inputs: Inputs, ctx: ExpandContext): Promise<ExpandOutcome> {
    const where = `yaml.v2.ConfigGroup ${name}`;
    const files = inputs.files === undefined || inputs.files === null ? [] : Array.isArray(inputs.files) ? inputs.files : [inputs.files];
    files.forEach((f, i) => {
        if (typeof f !== "string") throw new Error(`${where}: files[${i}] must be a path or glob pattern`);
    });
    return expand(where, name, inputs, files as string[], true, ctx);
}
