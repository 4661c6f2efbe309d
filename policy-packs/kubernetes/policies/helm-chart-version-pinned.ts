import { resourcePolicy } from "../../common/policy";
import { chartSourceOf } from "../lib/helm";
import { isUnknown, previewResource } from "../lib/preview";
import { HELM_TYPES } from "../lib/helm";

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
const OCI_DIGEST = /@sha256:[a-f0-9]{64}$/;

export default resourcePolicy({
    name: "helm-chart-version-pinned",
    types: [HELM_TYPES[0], ...HELM_TYPES.slice(1)],
    description: "Every Helm chart fetched from a repository must be pinned to one exact version (a semver, no range).",
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.2.2", "4.1.5"], nsaCisa: ["7"] },
    remediation:
        'Set `version` to the exact chart version, e.g. `version: "4.11.3"` (not "^4", "~4.11", ">=4" or "4.x"), and ' +
        "upgrade it deliberately. Without it, every deployment installs whatever version is newest.",
    validate: previewResource((preview, { type, props }, report) => {
        const source = chartSourceOf(type, props, preview);
        if (!source || source.origin === undefined || isUnknown(source.origin)) return;
        const origin = source.origin;
        // A local chart is versioned with the program; an archive URL or an OCI digest names one artifact.
        if (origin.kind === "local") return;
        if (origin.kind === "remote" && (origin.archive || OCI_DIGEST.test(origin.reference))) return;
        const version = source.version;
        if (isUnknown(version)) return;
        if (typeof version === "string" && SEMVER.test(version.trim())) return;
        const found =
            version === undefined || version === ""
                ? "it is unset, so the newest chart is installed"
                : `found "${String(version)}", which is not an exact version`;
        report(`${source.versionField} must be an exact chart version such as "1.2.3" (${found})`);
    }),
});
