/**
 * Controls a deploy-time gate over Pulumi resources cannot decide, each with the reason. A control
 * that is neither here nor implemented by a policy or a component default is shown as a gap; one
 * that is here and also implemented is a stale entry, and the coverage check says so.
 */
import type { FrameworkKey } from "./catalog";

const KUBELET_ON_NODE =
    "Kubelet settings and files live on the node image (EKS-optimized AL2023 or Bottlerocket), which AWS hardens and a program does not configure; " +
    "audit it on a running node (kube-bench) or with the EKS node image's release notes.";

export const NOT_AUTOMATABLE: Readonly<Partial<Record<FrameworkKey, Readonly<Record<string, string>>>>> = {
    cisEks: {
        "3.1.1": KUBELET_ON_NODE,
        "3.1.2": KUBELET_ON_NODE,
        "3.1.3": KUBELET_ON_NODE,
        "3.1.4": KUBELET_ON_NODE,
        "3.2.1": KUBELET_ON_NODE,
        "3.2.2": KUBELET_ON_NODE,
        "3.2.3": KUBELET_ON_NODE,
        "3.2.4": KUBELET_ON_NODE,
        "3.2.5": KUBELET_ON_NODE,
        "3.2.6": KUBELET_ON_NODE,
        "3.2.7": KUBELET_ON_NODE,
        "3.2.8": KUBELET_ON_NODE,
        "3.2.9": KUBELET_ON_NODE,
        "4.4.2":
            "Choosing an external secret store (Secrets Manager, Vault) is an architecture decision, not a resource setting; " +
            "the packs keep secrets out of environment variables and the cluster encrypts them with a customer key.",
    },
    nist800190: {
        "4.1.2":
            "Configuration defects inside an image (its user, packages, entrypoint) are not visible in the resources a program declares; " +
            "check them where images are built, and run them at the restricted profile the packs enforce.",
        "4.1.3": "Malware inside an image is found by scanning its layers (ECR scan on push, enforced for the platform's registry), not by reading a deployment.",
        "4.4.4":
            "Vulnerabilities in the application's own code are found by testing and scanning the application; " +
            "the packs limit what an exploited container can reach.",
    },
};
