import { resourcePolicy } from "../../common/policy";
import { hasUnknown, plain } from "../lib/values";

interface Config {
    readonly minKubernetesVersion: string;
}

function minor(version: string): [number, number] | undefined {
    const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
    return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export default resourcePolicy<Config>({
    name: "eks-supported-version",
    description: "EKS clusters and node groups must run a Kubernetes version that still receives security patches.",
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.4.1", "4.5.3"], nsaCisa: ["7"] },
    remediation:
        "Set `version` to a supported Kubernetes minor (at least `minKubernetesVersion`), or leave it unset to get the latest; " +
        "upgrade one minor at a time.",
    config: {
        minKubernetesVersion: {
            type: "string",
            pattern: "^\\d+\\.\\d+$",
            // 1.32 is the oldest minor still under EKS (extended) support through late 2026.
            default: "1.32",
            description: "Oldest Kubernetes minor version allowed (\"1.32\").",
        },
    },
    validate: ({ type, props, config }, report) => {
        if (type !== "aws:eks/cluster:Cluster" && type !== "aws:eks/nodeGroup:NodeGroup") return;
        const version = plain(props).version;
        // A version that is (or holds) a value unknown at preview is decided at the update.
        if (version === undefined || version === null || hasUnknown(version)) return;
        const have = minor(String(version));
        const min = minor(config.minKubernetesVersion);
        if (!have || !min) {
            report(`version "${String(version)}" is not a Kubernetes version: use "<major>.<minor>", e.g. "${config.minKubernetesVersion}"`);
            return;
        }
        if (have[0] < min[0] || (have[0] === min[0] && have[1] < min[1])) {
            report(`version "${String(version)}" is older than ${config.minKubernetesVersion}: upgrade to ${config.minKubernetesVersion} or later`);
        }
    },
});
