/**
 * Where a Helm chart comes from, for the three chart resources the provider ships: the v3 Chart
 * component (`chart`, `version`, `fetchOpts.repo`, or a local `path`), the v4 Chart and the v3
 * Release (`chart`, `version`, `repositoryOpts.repo`). A chart may also be a URL (`oci://...`,
 * `https://.../x-1.2.3.tgz`) or a path.
 */
import { type Known, type Preview, UNKNOWN_AT_PREVIEW, isUnknown } from "./preview";

export const V3_CHART = "kubernetes:helm.sh/v3:Chart";
export const V4_CHART = "kubernetes:helm.sh/v4:Chart";
export const V3_RELEASE = "kubernetes:helm.sh/v3:Release";
export const HELM_TYPES: readonly string[] = [V3_CHART, V4_CHART, V3_RELEASE];

export type ChartOrigin =
    /** A chart in the program's own tree: reviewed with the code. */
    | { readonly kind: "local"; readonly path: string }
    /** A chart fetched from a URL: `reference` is the URL the chart resolves to. */
    | { readonly kind: "remote"; readonly reference: string; readonly field: string; readonly archive: boolean }
    /** A chart name resolved through the machine's Helm repository config (or a local directory of that name). */
    | { readonly kind: "alias"; readonly chart: string; readonly field: string };

export interface ChartSource {
    readonly origin: Known<ChartOrigin> | undefined;
    readonly version: Known<unknown>;
    /** "version" or "fetchOpts.version", for messages. */
    readonly versionField: string;
}

const URL_SCHEME = /^(oci|https?):\/\//i;

function isPath(chart: string): boolean {
    return chart.startsWith("./") || chart.startsWith("../") || chart.startsWith("/") || chart === ".";
}

/** Reads a chart resource's source; undefined for other types. */
export function chartSourceOf(type: string, props: Record<string, any>, preview: Preview): ChartSource | undefined {
    if (!HELM_TYPES.includes(type)) return undefined;
    const v3 = type === V3_CHART;
    const path = v3 ? preview.read(() => props.path) : undefined;
    const chart = preview.read(() => props.chart);
    const repoField = v3 ? "fetchOpts.repo" : "repositoryOpts.repo";
    const repo = preview.read(() => (v3 ? props.fetchOpts?.repo : props.repositoryOpts?.repo));
    const alias = v3 ? preview.read(() => props.repo) : undefined;
    let version = preview.read(() => props.version);
    let versionField = "version";
    if (v3 && (version === undefined || version === "")) {
        version = preview.read(() => props.fetchOpts?.version);
        versionField = "fetchOpts.version";
    }

    let origin: Known<ChartOrigin> | undefined;
    if (typeof path === "string" && path !== "") origin = { kind: "local", path };
    else if (isUnknown(path) || isUnknown(chart)) origin = UNKNOWN_AT_PREVIEW;
    else if (typeof chart !== "string" || chart === "") origin = undefined;
    else if (URL_SCHEME.test(chart)) {
        origin = { kind: "remote", reference: chart, field: "chart", archive: /\.tgz$/i.test(chart) };
    } else if (isUnknown(repo) || isUnknown(alias)) origin = UNKNOWN_AT_PREVIEW;
    else if (typeof repo === "string" && repo !== "") {
        origin = { kind: "remote", reference: `${repo.replace(/\/+$/, "")}/${chart}`, field: repoField, archive: false };
    } else if (typeof alias === "string" && alias !== "") origin = { kind: "alias", chart: `${alias}/${chart}`, field: "repo" };
    else if (isPath(chart) || !chart.includes("/")) origin = { kind: "local", path: chart };
    else origin = { kind: "alias", chart, field: "chart" };
    return { origin, version, versionField };
}

function normalizeUrl(url: string): string {
    const trimmed = url.trim().replace(/\/+$/, "");
    const m = /^([a-z0-9+.-]+:\/\/)([^/]*)(.*)$/i.exec(trimmed);
    return m ? `${m[1].toLowerCase()}${m[2].toLowerCase()}${m[3]}` : trimmed;
}

/** Whether an approved repository URL covers a chart reference: equal to it, or a prefix ending at a "/". */
export function repositoryCovers(entry: string, reference: string): boolean {
    const e = normalizeUrl(entry);
    const r = normalizeUrl(reference);
    return e !== "" && (r === e || r.startsWith(`${e}/`));
}
