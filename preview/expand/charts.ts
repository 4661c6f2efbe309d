/**
 * Where a chart comes from, in the order Helm itself looks: a local folder or archive (relative to the
 * project folder), then a chart cache on disk (a Helm repository folder: `index.yaml` and packaged
 * charts), then the chart's repository or OCI registry over the network.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";

/** A chart as a program names it (v4 Chart, v3 Chart or v3 Release inputs). */
export interface ChartRequest {
    /** `./dir`, `./x-1.2.3.tgz`, `name`, `alias/name`, `https://.../name-1.2.3.tgz` or `oci://host/path/name`. */
    readonly chart: string;
    readonly version?: string;
    /** The repository URL (`repositoryOpts.repo`, `fetchOpts.repo`). */
    readonly repo?: string;
    /** Use development versions too (`devel`). */
    readonly devel?: boolean;
}

/** A chart Helm can render: a local path, or a reference Helm fetches (`args` follow the release name). */
export type ChartSource =
    | { readonly kind: "local"; readonly path: string; readonly label: string }
    | { readonly kind: "remote"; readonly args: readonly string[]; readonly label: string };

interface IndexEntry {
    readonly name?: string;
    readonly version?: string;
    readonly urls?: string[];
}

const indexes = new Map<string, Record<string, IndexEntry[]>>();

/** A repository folder's `index.yaml` entries, read once per process. */
export function readIndex(dir: string): Record<string, IndexEntry[]> {
    const file = path.join(dir, "index.yaml");
    let entries = indexes.get(file);
    if (!entries) {
        let text: string;
        try {
            text = fs.readFileSync(file, "utf8");
        } catch {
            throw new Error(`the chart cache ${dir} has no index.yaml; make it a Helm repository folder (helm repo index ${dir})`);
        }
        const doc = yaml.load(text) as { entries?: Record<string, IndexEntry[]> } | undefined;
        if (!doc || typeof doc !== "object" || typeof doc.entries !== "object") {
            throw new Error(`${file} is not a Helm repository index (no entries)`);
        }
        entries = doc.entries ?? {};
        indexes.set(file, entries);
    }
    return entries;
}

type Semver = [number, number, number, string];

function parseSemver(v: string): Semver | undefined {
    const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/.exec(v.trim());
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ?? ""] : undefined;
}

function compareSemver(a: Semver, b: Semver): number {
    for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
    if (a[3] === b[3]) return 0;
    if (!a[3]) return 1;
    if (!b[3]) return -1;
    return a[3] < b[3] ? -1 : 1;
}

/**
 * Whether `version` satisfies a constraint: none (the newest stable, or any with `devel`), an exact
 * version, or `X`, `X.Y`, `X.*`, `X.Y.*`, `X.Y.x` wildcards. Other ranges are left to Helm (undefined).
 */
export function matchesConstraint(version: string, constraint: string | undefined, devel = false): boolean | undefined {
    const v = parseSemver(version);
    if (!v) return false;
    if (!constraint) return devel || v[3] === "";
    const c = constraint.trim();
    const exact = parseSemver(c);
    if (exact) return compareSemver(v, exact) === 0;
    const m = /^v?(\d+)(?:\.(\d+|\*|x|X))?(?:\.(\*|x|X))?$/.exec(c);
    if (!m) return undefined;
    if (v[3] !== "" && !devel) return false;
    if (v[0] !== Number(m[1])) return false;
    return m[2] === undefined || /^[*xX]$/.test(m[2]) || v[1] === Number(m[2]);
}

/** The chart's name, from any of the forms a program may use. */
export function chartName(chart: string): string {
    if (chart.startsWith("oci://")) return path.posix.basename(new URL(chart).pathname);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(chart)) {
        const m = /\/([^/]+?)-v?\d+\.\d+\.\d+[^/]*\.tgz$/.exec(new URL(chart).pathname);
        if (m) return m[1];
    }
    const parts = chart.split("/");
    return parts[parts.length - 1];
}

function versionFromUrl(chart: string): string | undefined {
    const m = /-(v?\d+\.\d+\.\d+[^/]*)\.tgz$/.exec(chart);
    return m ? m[1] : undefined;
}

/** The packaged chart in a repository folder matching name and version (the newest match), if any. */
export function findInRepoFolder(dir: string, name: string, version: string | undefined, devel = false): { path: string; version: string } | undefined {
    const entries = readIndex(dir)[name] ?? [];
    let best: { entry: IndexEntry; semver: Semver } | undefined;
    for (const entry of entries) {
        if (!entry.version) continue;
        const ok = matchesConstraint(entry.version, version, devel);
        const semver = parseSemver(entry.version);
        if (!ok || !semver) continue;
        if (!best || compareSemver(semver, best.semver) > 0) best = { entry, semver };
    }
    if (!best) return undefined;
    for (const url of best.entry.urls ?? []) {
        // A cache may be a copy of a remote repository whose index holds absolute URLs: the archive sits beside it.
        const file = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? path.join(dir, path.posix.basename(new URL(url).pathname)) : path.resolve(dir, url);
        if (fs.existsSync(file)) return { path: file, version: best.entry.version as string };
    }
    return undefined;
}

function isLocalPath(chart: string): boolean {
    return chart.startsWith(".") || path.isAbsolute(chart) || chart.endsWith(".tgz") && !/^[a-z][a-z0-9+.-]*:\/\//i.test(chart);
}

function describe(req: ChartRequest): string {
    const from = req.repo ?? (req.chart.includes("://") ? req.chart
        : req.chart.includes("/") ? `the Helm repository named ${req.chart.split("/")[0]}` : "the Helm repositories configured locally");
    return `chart ${chartName(req.chart)} ${req.version ?? "(latest)"} from ${from}`;
}

/**
 * Where to render `req` from. Local paths resolve against `projectDir`, as the provider (running in the
 * program's folder) resolves them. Returns the remote reference when neither the disk nor the cache has it.
 */
export function resolveChart(req: ChartRequest, projectDir: string, chartCache?: string): ChartSource {
    const chart = req.chart.trim();
    if (!chart) throw new Error("chart is empty: name a chart, a local chart folder or archive, or an oci:// reference");
    const local = path.resolve(projectDir, chart);
    if (!chart.includes("://") && fs.existsSync(local)) return { kind: "local", path: local, label: chart };
    if (isLocalPath(chart)) {
        throw new Error(`chart ${chart}: no chart folder or archive at ${local} (paths are relative to the project folder ${projectDir})`);
    }
    const name = chartName(chart);
    const version = req.version ?? versionFromUrl(chart);
    if (chartCache) {
        const hit = findInRepoFolder(chartCache, name, version, req.devel);
        if (hit) return { kind: "local", path: hit.path, label: `${name} ${hit.version} (chart cache ${chartCache})` };
    }
    // Helm 4 cannot read file:// repositories; such a repository is a folder, read like the cache.
    if (req.repo?.startsWith("file://")) {
        const dir = new URL(req.repo).pathname;
        const hit = findInRepoFolder(dir, name, version, req.devel);
        if (hit) return { kind: "local", path: hit.path, label: `${name} ${hit.version} (${req.repo})` };
        throw new Error(`${describe(req)} is not in the repository folder ${dir} (its index.yaml has no matching entry)`);
    }
    const args = [chart];
    if (req.repo) args.push("--repo", req.repo);
    if (req.version) args.push("--version", req.version);
    else if (req.devel) args.push("--devel");
    return { kind: "remote", args, label: describe(req) };
}

/** The message for a chart that neither the disk, the cache nor the network could provide. */
export function fetchFailure(source: ChartSource, why: string): string {
    return `${source.label} could not be fetched: ${why}; pass --chart-cache <dir> with the packaged chart (a folder with index.yaml and the chart's .tgz)`;
}
