import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { DNS_SUBDOMAIN, isPlain, type Problem } from "../../validation";

/** The EBS CSI driver: the provisioner on EKS, and the one this class knows how to encrypt by itself. */
export const EBS_CSI_PROVISIONER = "ebs.csi.aws.com";

/**
 * The StorageClass parameter through which each known CSI driver declares encryption at rest. For a
 * driver not listed here, name its parameter with `encryptionParameter`.
 */
export const KNOWN_ENCRYPTION_PARAMETERS: Readonly<Record<string, string>> = {
    [EBS_CSI_PROVISIONER]: "encrypted",
    "pd.csi.storage.gke.io": "disk-encryption-kms-key",
    "disk.csi.azure.com": "diskEncryptionSetID",
    "rbd.csi.ceph.com": "encrypted",
};

/** Values that, in a parameter meant to declare encryption, declare the opposite. */
const DISABLING_VALUES = new Set(["", "false", "0", "no", "off", "none"]);

export interface EncryptedStorageClassArgs {
    /** The cluster to create the class in. Required: a class must never land on an ambient kubeconfig. */
    readonly provider: k8s.Provider;
    /**
     * The customer-managed KMS key the EBS volumes are encrypted with (`kmsKeyId`). Default: none,
     * so EBS uses the AWS-managed `aws/ebs` key; that costs key policy control, separate audit of
     * key use, and crypto-shredding by disabling the key. Only for the EBS provisioner.
     */
    readonly kmsKeyArn?: pulumi.Input<string>;
    /**
     * Marks the class as the cluster default (`storageclass.kubernetes.io/is-default-class`).
     * Default: true, so claims without a class are encrypted too. Another class marked default
     * (EKS ships `gp2`) must be unmarked, or the API server picks the newest.
     */
    readonly isDefault?: boolean;
    /** The CSI driver. Default: "ebs.csi.aws.com", with gp3 volumes. */
    readonly provisioner?: string;
    /**
     * Driver parameters, merged over the EBS defaults (`type: gp3`, `csi.storage.k8s.io/fstype: ext4`).
     * For another provisioner they must include its encryption parameter. Default: none.
     */
    readonly parameters?: Record<string, pulumi.Input<string>>;
    /**
     * The parameter that declares encryption for a provisioner outside `KNOWN_ENCRYPTION_PARAMETERS`.
     * Default: the known one for the provisioner; a class that declares none is refused.
     */
    readonly encryptionParameter?: string;
    /** The class's `metadata.name`. Default: the component's name. */
    readonly storageClassName?: string;
    /** What happens to a volume when its claim goes. Default: "Delete" (Kubernetes' default). */
    readonly reclaimPolicy?: "Delete" | "Retain";
}

/** Every problem with the arguments, each naming its property; empty when they are usable. */
export function validateEncryptedStorageClassArgs(args: EncryptedStorageClassArgs, name: string): Problem[] {
    const problems: Problem[] = [];
    if (!args.provider) {
        problems.push({ propertyPath: "provider", reason: "is required: pass the k8s.Provider of the target cluster" });
    }
    const className = args.storageClassName ?? name;
    if (!DNS_SUBDOMAIN.test(className)) {
        problems.push({
            propertyPath: "storageClassName",
            reason: `"${className}" is not a DNS subdomain (lowercase letters, digits, '-' and '.'); set storageClassName`,
        });
    }
    const provisioner = args.provisioner ?? EBS_CSI_PROVISIONER;
    if (typeof provisioner !== "string" || provisioner.trim() === "") {
        problems.push({ propertyPath: "provisioner", reason: "must be a CSI driver name, e.g. \"ebs.csi.aws.com\"" });
        return problems;
    }
    const params = args.parameters ?? {};
    const isEbs = provisioner === EBS_CSI_PROVISIONER;
    const parameter = args.encryptionParameter ?? KNOWN_ENCRYPTION_PARAMETERS[provisioner];

    if (args.encryptionParameter !== undefined && args.encryptionParameter.trim() === "") {
        problems.push({ propertyPath: "encryptionParameter", reason: "must name the driver parameter that declares encryption" });
    }
    if (isEbs) {
        if (args.encryptionParameter !== undefined && args.encryptionParameter !== "encrypted") {
            problems.push({
                propertyPath: "encryptionParameter",
                reason: `the EBS driver declares encryption with "encrypted"; remove encryptionParameter`,
            });
        }
        const encrypted = params.encrypted;
        if (isPlain(encrypted) && encrypted !== "true") {
            problems.push({
                propertyPath: "parameters.encrypted",
                reason: `must be "true" (unencrypted volumes are not offered); remove it, the class sets it`,
            });
        }
        if (params.kmsKeyId !== undefined) {
            problems.push({ propertyPath: "parameters.kmsKeyId", reason: "give the key as kmsKeyArn instead (one way to set it)" });
        }
        return problems;
    }

    if (args.kmsKeyArn !== undefined) {
        problems.push({
            propertyPath: "kmsKeyArn",
            reason: `applies to ${EBS_CSI_PROVISIONER} only; for ${provisioner} put the key in parameters["${parameter ?? "<encryption parameter>"}"]`,
        });
    }
    if (parameter === undefined) {
        problems.push({
            propertyPath: "encryptionParameter",
            reason: `is required for provisioner "${provisioner}": name the parameter that declares encryption at rest`,
        });
        return problems;
    }
    const value = params[parameter];
    if (value === undefined) {
        problems.push({
            propertyPath: `parameters.${parameter}`,
            reason: `is required: ${provisioner} volumes must declare encryption at rest through it`,
        });
    } else if (isPlain(value) && DISABLING_VALUES.has(value.trim().toLowerCase())) {
        problems.push({
            propertyPath: `parameters.${parameter}`,
            reason: `"${value}" does not declare encryption; set it to enable encryption at rest (e.g. "true" or a key reference)`,
        });
    }
    return problems;
}
