import { resourcePolicy } from "../../common/policy";
import { EKS_CALENDAR, EKS_CALENDAR_READ_ON, newestInStandardSupport, supportStatus, WARNING_DAYS } from "../lib/eks-calendar";
import { hasUnknown, plain } from "../lib/values";

interface Config {
    readonly minKubernetesVersion: string;
    readonly asOf?: string;
}

function minor(version: string): [number, number] | undefined {
    const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
    return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** The day the policy judges by: `asOf` when set (reviews and tests), else today. */
function judgedOn(asOf: string | undefined): Date {
    return asOf ? new Date(`${asOf}T12:00:00.000Z`) : new Date();
}

export default resourcePolicy<Config>({
    name: "eks-supported-version",
    types: ["aws:eks/cluster:Cluster", "aws:eks/nodeGroup:NodeGroup"],
    description:
        "EKS clusters and node groups must run a Kubernetes version in EKS standard support on the EKS release calendar " +
        `(mandatory past its end, advisory within ${WARNING_DAYS} days of it).`,
    severity: "medium",
    enforcementLevel: "mandatory",
    controls: { nist800190: ["4.4.1", "4.5.3"], nsaCisa: ["7"] },
    remediation:
        "Set `version` to the newest Kubernetes minor in EKS standard support (HardenedCluster's default), and upgrade one " +
        "minor at a time before the end of standard support; extended support is billed and ends in an automatic upgrade.",
    config: {
        minKubernetesVersion: {
            type: "string",
            pattern: "^\\d+\\.\\d+$",
            // A floor on top of the calendar: the oldest minor a platform still accepts at all.
            default: "1.32",
            description: "Oldest Kubernetes minor version allowed (\"1.32\"), on top of the calendar.",
        },
        asOf: {
            type: "string",
            pattern: "^\\d{4}-\\d{2}-\\d{2}$",
            description: "The day to judge support on (YYYY-MM-DD, UTC). Default: today.",
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
            return;
        }
        const today = judgedOn(config.asOf);
        const newest = newestInStandardSupport(today).version;
        const status = supportStatus(`${have[0]}.${have[1]}`, today);
        switch (status.kind) {
            case "unsupported":
                report(`version "${String(version)}" left EKS extended support on ${status.entry.endOfExtendedSupport}: upgrade to ${newest}`);
                return;
            case "extended":
                report(
                    `version "${String(version)}" left EKS standard support on ${status.entry.endOfStandardSupport} ` +
                        `(extended support, billed per cluster hour, ends ${status.entry.endOfExtendedSupport}): upgrade to ${newest}`,
                );
                return;
            case "ending":
                report(
                    `version "${String(version)}" leaves EKS standard support on ${status.entry.endOfStandardSupport} ` +
                        `(in ${status.daysLeft} day${status.daysLeft === 1 ? "" : "s"}): plan the upgrade to ${newest}`,
                    { advisory: true },
                );
                return;
            case "not-released":
                report(`version "${String(version)}" is not released on EKS until ${status.entry.release}`, { advisory: true });
                return;
            case "unlisted": {
                const oldest = minor(EKS_CALENDAR[0].version) as [number, number];
                const older = have[0] < oldest[0] || (have[0] === oldest[0] && have[1] < oldest[1]);
                if (older) report(`version "${String(version)}" is older than every EKS version still supported: upgrade to ${newest}`);
                else {
                    report(
                        `version "${String(version)}" is not on Bulwark's EKS release calendar (read ${EKS_CALENDAR_READ_ON}), so its support cannot be judged: ` +
                            "refresh policy-packs/aws/lib/eks-calendar.ts",
                        { advisory: true },
                    );
                }
                return;
            }
            case "standard":
                return;
        }
    },
});
