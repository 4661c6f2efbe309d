import { resourcePolicy } from "../../common/policy";
import { chartSourceOf, repositoryCovers } from "../lib/helm";
import { isUnknown, previewResource } from "../lib/preview";
import { HELM_TYPES } from "../lib/helm";

interface Config {
    readonly allowedChartRepositories: readonly string[];
}

export default resourcePolicy<Config>({
    name: "helm-chart-approved-repository",
    types: [HELM_TYPES[0], ...HELM_TYPES.slice(1)],
    description: "Every Helm chart must come from an approved chart repository (HTTPS or OCI), named by URL in the program.",
    severity: "high",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.1.5", "4.2.1"], nsaCisa: ["1"] },
    remediation:
        "Set `repositoryOpts.repo` (v4 Chart, Release) or `fetchOpts.repo` (v3 Chart) to an approved repository URL, or " +
        "use an approved `oci://` chart reference; add the repository to `allowedChartRepositories` once approved. A " +
        "name such as `bitnami/nginx` resolves through the deploying machine's Helm config, which the program does not control.",
    config: {
        allowedChartRepositories: {
            type: "array",
            items: { type: "string", pattern: "^(https|http|oci)://[^\\s]+$" },
            default: [],
            description:
                "Approved chart repositories, by URL prefix: `https://charts.example.com/stable`, " +
                "`oci://123456789012.dkr.ecr.us-east-1.amazonaws.com/charts`. Empty (the default) approves none.",
        },
    },
    validate: previewResource<Config>((preview, { type, props, config }, report) => {
        const source = chartSourceOf(type, props, preview);
        if (!source || source.origin === undefined || isUnknown(source.origin)) return;
        const origin = source.origin;
        if (origin.kind === "local") return;
        const allowed = config.allowedChartRepositories ?? [];
        const approved = allowed.length > 0 ? `approved: ${allowed.join(", ")}` : "no repository is approved: set allowedChartRepositories";
        if (origin.kind === "alias") {
            report(
                `${origin.field} "${origin.chart}" is resolved through the local Helm repository config; set ` +
                    `${type.endsWith("v3:Chart") ? "fetchOpts.repo" : "repositoryOpts.repo"} to an approved repository URL (${approved})`,
            );
            return;
        }
        if (allowed.some((entry) => repositoryCovers(entry, origin.reference))) return;
        report(`${origin.field} fetches "${origin.reference}", which is not in an approved repository (${approved})`);
    }),
});
