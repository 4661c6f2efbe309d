/**
 * Component inputs as the engine holds them: unknowns are the UNKNOWN marker, secrets and assets are
 * signature-tagged envelopes. Rendering needs plain values, and must know when it cannot have them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UNKNOWN } from "../types";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";

/** Dotted paths (`values.image.tag`) of every unknown value in `value`. */
export function unknownPaths(value: unknown, at = ""): string[] {
    if (value === UNKNOWN) return [at || "(the whole input)"];
    if (Array.isArray(value)) return value.flatMap((v, i) => unknownPaths(v, `${at}[${i}]`));
    if (value && typeof value === "object") {
        const obj = value as Record<string, unknown>;
        if (obj[SIG] === SECRET_SIG) return unknownPaths(obj.value, at);
        return Object.entries(obj).flatMap(([k, v]) => unknownPaths(v, at ? `${at}.${k}` : k));
    }
    return [];
}

/** A Pulumi asset, in the engine's envelope or as the SDK's object (whose fields may be promises). */
export interface AssetRef {
    readonly path?: string;
    readonly text?: string;
    readonly uri?: string;
}

function isSdkAsset(v: Record<string, unknown>): boolean {
    return typeof v.__pulumiAsset === "boolean" || (v.constructor?.name ?? "").endsWith("Asset");
}

/** The asset `v` stands for, if it is one. */
export async function asAsset(v: unknown): Promise<AssetRef | undefined> {
    if (!v || typeof v !== "object" || Array.isArray(v)) return undefined;
    const obj = v as Record<string, unknown>;
    if (obj[SIG] === ASSET_SIG) return { path: obj.path as string | undefined, text: obj.text as string | undefined, uri: obj.uri as string | undefined };
    if (isSdkAsset(obj)) {
        return { path: (await obj.path) as string | undefined, text: (await obj.text) as string | undefined, uri: (await obj.uri) as string | undefined };
    }
    return undefined;
}

/** An asset's content: text as is, a path relative to the project folder, a file:// URI; other URIs cannot be read offline. */
export async function readAsset(asset: AssetRef, projectDir: string, where: string): Promise<string> {
    if (asset.text !== undefined) return asset.text;
    if (asset.path !== undefined) {
        const file = path.resolve(projectDir, asset.path);
        try {
            return await fs.promises.readFile(file, "utf8");
        } catch (e) {
            throw new Error(`${where}: cannot read the file asset ${file}: ${(e as Error).message}`);
        }
    }
    if (asset.uri?.startsWith("file://")) return readAsset({ path: new URL(asset.uri).pathname }, projectDir, where);
    throw new Error(`${where}: the asset ${asset.uri ?? "(empty)"} is not a local file or text`);
}

/**
 * `value` with secrets unwrapped and assets replaced by their text, as the provider turns chart values
 * into Helm values (an asset becomes its content, an archive is an error).
 */
export async function plainValues(value: unknown, projectDir: string, where: string): Promise<unknown> {
    if (Array.isArray(value)) return Promise.all(value.map((v, i) => plainValues(v, projectDir, `${where}[${i}]`)));
    if (value && typeof value === "object") {
        const obj = value as Record<string, unknown>;
        if (obj[SIG] === SECRET_SIG) return plainValues(obj.value, projectDir, where);
        if (obj[SIG] === ARCHIVE_SIG) throw new Error(`${where}: an archive cannot be a Helm value (use a file or text asset)`);
        const asset = await asAsset(obj);
        if (asset) return readAsset(asset, projectDir, where);
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(obj)) out[k] = await plainValues(v, projectDir, `${where}.${k}`);
        return out;
    }
    return value;
}

/** A string input, or undefined when absent or empty. */
export function str(v: unknown): string | undefined {
    return typeof v === "string" && v !== "" ? v : undefined;
}
