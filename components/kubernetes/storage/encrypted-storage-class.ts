import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { throwIfInvalid } from "../../validation";
import { EBS_CSI_PROVISIONER, type EncryptedStorageClassArgs, validateEncryptedStorageClassArgs } from "./args";

const DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";

/**
 * A StorageClass whose volumes are encrypted at rest, by default the cluster's default class: on
 * EKS, gp3 EBS volumes under a customer-managed KMS key. A class that does not declare encryption
 * is refused, so a claim can't get plaintext storage from it.
 */
export class EncryptedStorageClass extends pulumi.ComponentResource {
    /** The class name, for `storageClassName` in claims and chart values. */
    public readonly storageClassName: pulumi.Output<string>;

    constructor(name: string, args: EncryptedStorageClassArgs, opts?: pulumi.ComponentResourceOptions) {
        throwIfInvalid("EncryptedStorageClass", validateEncryptedStorageClassArgs(args, name));
        super("bulwark:kubernetes:EncryptedStorageClass", name, {}, opts);

        const provisioner = args.provisioner ?? EBS_CSI_PROVISIONER;
        const parameters: Record<string, pulumi.Input<string>> =
            provisioner === EBS_CSI_PROVISIONER
                ? {
                      type: "gp3",
                      "csi.storage.k8s.io/fstype": "ext4",
                      ...args.parameters,
                      encrypted: "true",
                      ...(args.kmsKeyArn !== undefined ? { kmsKeyId: args.kmsKeyArn } : {}),
                  }
                : { ...args.parameters };

        const storageClass = new k8s.storage.v1.StorageClass(
            `${name}-class`,
            {
                metadata: {
                    name: args.storageClassName ?? name,
                    annotations: { [DEFAULT_CLASS_ANNOTATION]: String(args.isDefault ?? true) },
                    labels: { "app.kubernetes.io/managed-by": "bulwark" },
                },
                provisioner,
                parameters,
                reclaimPolicy: args.reclaimPolicy ?? "Delete",
                // Binding waits for the pod, so the volume is created in the zone the pod lands in.
                volumeBindingMode: "WaitForFirstConsumer",
                allowVolumeExpansion: true,
            },
            { parent: this, provider: args.provider },
        );

        this.storageClassName = storageClass.metadata.name;
        this.registerOutputs({ storageClassName: this.storageClassName });
    }
}
