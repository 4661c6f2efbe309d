/**
 * Kubernetes and add-on versions, from the EKS release calendar (`policy-packs/aws/lib/eks-calendar.ts`,
 * the same data the AWS pack judges clusters by).
 */
import { EKS_CALENDAR, newestInStandardSupport } from "../../policy-packs/aws/lib/eks-calendar";

export { EKS_CALENDAR, newestInStandardSupport, supportStatus } from "../../policy-packs/aws/lib/eks-calendar";

/** EKS add-on versions (`aws eks describe-addon-versions --kubernetes-version <v>`). */
export interface AddonVersions {
    readonly vpcCni: string;
    readonly coredns: string;
    readonly kubeProxy: string;
    readonly ebsCsiDriver: string;
    readonly podIdentityAgent: string;
    readonly cloudwatchObservability: string;
}

export type AddonKey = keyof AddonVersions;

/** The EKS add-on name of each key. */
export const ADDON_NAMES: Readonly<Record<AddonKey, string>> = {
    vpcCni: "vpc-cni",
    coredns: "coredns",
    kubeProxy: "kube-proxy",
    ebsCsiDriver: "aws-ebs-csi-driver",
    podIdentityAgent: "eks-pod-identity-agent",
    cloudwatchObservability: "amazon-cloudwatch-observability",
};

/**
 * Add-on versions pinned per Kubernetes minor, where they were read from a cluster or a published
 * configuration of that minor. An add-on not pinned here for the cluster's version is resolved at
 * deployment to EKS's default version for that Kubernetes version (`aws.eks.getAddonVersion`), so it
 * always matches the cluster; pin it (here or with `addonVersions`) to keep it from moving when EKS
 * changes that default.
 */
export const ADDON_PINS: Readonly<Record<string, Partial<AddonVersions>>> = {
    "1.33": {
        vpcCni: "v1.20.4-eksbuild.1",
        coredns: "v1.12.2-eksbuild.4",
        kubeProxy: "v1.33.3-eksbuild.10",
        ebsCsiDriver: "v1.48.0-eksbuild.2",
        podIdentityAgent: "v1.3.8-eksbuild.2",
        cloudwatchObservability: "v4.4.0-eksbuild.1",
    },
    "1.35": {
        vpcCni: "v1.21.1-eksbuild.3",
        coredns: "v1.13.2-eksbuild.1",
        kubeProxy: "v1.35.0-eksbuild.2",
    },
};

/** The newest Kubernetes minor in EKS standard support on `today` (HardenedCluster's default). */
export function defaultKubernetesVersion(today: Date = new Date()): string {
    return newestInStandardSupport(today).version;
}

/** Whether the calendar lists `version`. */
export function isListedVersion(version: string): boolean {
    return EKS_CALENDAR.some((e) => e.version === version);
}
