/**
 * The Amazon EKS Kubernetes release calendar, as data: the AWS pack judges clusters by it, and
 * HardenedCluster takes its default Kubernetes version from it.
 *
 * Source: "Amazon EKS Kubernetes release calendar" in the EKS User Guide
 * (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html), with the support end
 * dates as tabulated in https://aws-samples.github.io/sample-apex-skills/docs/skills/eks-operation-review/references/cluster-lifecycle
 * (verified there on 2026-04-24). Release dates are each version's end of standard support less 14
 * months, the length of standard support the same EKS page states. Read on 2026-12-01.
 *
 * Refresh it when EKS releases a minor version: the pack cannot judge a version it does not list,
 * and the default stays at the newest version listed.
 */
export interface EksVersion {
    /** Kubernetes minor version, "1.NN". */
    readonly version: string;
    /** Available on EKS (YYYY-MM-DD). */
    readonly release: string;
    /** Last day of standard support; extended support (billed per cluster hour) follows. */
    readonly endOfStandardSupport: string;
    /** Last day of extended support; EKS then upgrades the cluster itself. */
    readonly endOfExtendedSupport: string;
}

export const EKS_CALENDAR_SOURCE = "https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html";
export const EKS_CALENDAR_READ_ON = "2026-12-01";

/** Oldest first. */
export const EKS_CALENDAR: readonly EksVersion[] = [
    { version: "1.29", release: "2024-01-23", endOfStandardSupport: "2025-03-23", endOfExtendedSupport: "2026-03-23" },
    { version: "1.30", release: "2024-05-23", endOfStandardSupport: "2025-07-23", endOfExtendedSupport: "2026-07-23" },
    { version: "1.31", release: "2024-09-26", endOfStandardSupport: "2025-11-26", endOfExtendedSupport: "2026-11-26" },
    { version: "1.32", release: "2025-01-23", endOfStandardSupport: "2026-03-23", endOfExtendedSupport: "2027-03-23" },
    { version: "1.33", release: "2025-05-29", endOfStandardSupport: "2026-07-29", endOfExtendedSupport: "2027-07-29" },
    { version: "1.34", release: "2025-10-02", endOfStandardSupport: "2026-12-02", endOfExtendedSupport: "2027-12-02" },
    { version: "1.35", release: "2026-01-27", endOfStandardSupport: "2027-03-27", endOfExtendedSupport: "2028-03-27" },
];

/** Days before the end of standard support from which a cluster is warned. */
export const WARNING_DAYS = 60;

const DAY_MS = 24 * 60 * 60 * 1000;
/** The last instant of a calendar day (UTC): support lasts through the day named. */
const endOf = (day: string) => Date.parse(`${day}T23:59:59.999Z`);

export type SupportStatus =
    | { readonly kind: "standard"; readonly entry: EksVersion }
    | { readonly kind: "ending"; readonly entry: EksVersion; readonly daysLeft: number }
    | { readonly kind: "extended"; readonly entry: EksVersion }
    | { readonly kind: "unsupported"; readonly entry: EksVersion }
    | { readonly kind: "not-released"; readonly entry: EksVersion }
    | { readonly kind: "unlisted" };

/** Where `version` ("1.NN") stands on `today`. */
export function supportStatus(version: string, today: Date): SupportStatus {
    const entry = EKS_CALENDAR.find((e) => e.version === version);
    if (!entry) return { kind: "unlisted" };
    const now = today.getTime();
    if (now < Date.parse(`${entry.release}T00:00:00.000Z`)) return { kind: "not-released", entry };
    if (now > endOf(entry.endOfExtendedSupport)) return { kind: "unsupported", entry };
    if (now > endOf(entry.endOfStandardSupport)) return { kind: "extended", entry };
    const daysLeft = Math.floor((endOf(entry.endOfStandardSupport) - now) / DAY_MS);
    return daysLeft < WARNING_DAYS ? { kind: "ending", entry, daysLeft } : { kind: "standard", entry };
}

/** The newest version released and in standard support on `today`; the newest listed when none is. */
export function newestInStandardSupport(today: Date): EksVersion {
    const now = today.getTime();
    const inStandard = EKS_CALENDAR.filter((e) => Date.parse(`${e.release}T00:00:00.000Z`) <= now && now <= endOf(e.endOfStandardSupport));
    return inStandard[inStandard.length - 1] ?? EKS_CALENDAR[EKS_CALENDAR.length - 1];
}
