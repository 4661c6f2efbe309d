import type * as k8s from "@pulumi/kubernetes";

/** Where a chart comes from: a Helm repository (https) or an OCI registry path (oci://). */
export interface ChartSource {
    /** `https://...` Helm repository, or `oci://host/path` (the chart name is appended). */
    readonly repository?: string;
    /** The exact chart version (`X.Y.Z`); ranges would let a mirror change what is installed. */
    readonly version?: string;
    /** The chart's name in the repository. */
    readonly chart?: string;
}

export type ChartKey = "kubePrometheusStack" | "falco" | "fluentBit";

/**
 * The pinned defaults. Bump them deliberately, after reading the chart's changelog and re-running
 * the tests: a chart upgrade can change security contexts and volumes.
 */
export const DEFAULT_CHARTS: Readonly<Record<ChartKey, Required<ChartSource>>> = {
    kubePrometheusStack: {
        repository: "https://prometheus-community.github.io/helm-charts",
        chart: "kube-prometheus-stack",
        version: "88.5.3",
    },
    falco: { repository: "https://falcosecurity.github.io/charts", chart: "falco", version: "9.1.0" },
    fluentBit: { repository: "https://fluent.github.io/helm-charts", chart: "fluent-bit", version: "0.58.1" },
};

export const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** The source with defaults filled in. */
export function resolveChart(key: ChartKey, source: ChartSource | undefined): Required<ChartSource> {
    return { ...DEFAULT_CHARTS[key], ...source };
}

/** The `chart`, `version` and `repositoryOpts` of a v4 Chart for a source. */
export function chartLocation(source: Required<ChartSource>): Pick<k8s.helm.v4.ChartArgs, "chart" | "version" | "repositoryOpts"> {
    if (source.repository.startsWith("oci://")) {
        return { chart: `${source.repository.replace(/\/+$/, "")}/${source.chart}`, version: source.version };
    }
    return { chart: source.chart, version: source.version, repositoryOpts: { repo: source.repository } };
}
