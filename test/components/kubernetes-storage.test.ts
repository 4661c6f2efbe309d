import * as assert from "node:assert/strict";
import { EncryptedStorageClass } from "../../components/kubernetes";
import { assertParentsAndProviders, assertRejected, recordComponent } from "./kubernetes-helpers";

const STORAGE_CLASS = "kubernetes:storage.k8s.io/v1:StorageClass";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";

describe("EncryptedStorageClass", () => {
    it("on EKS defaults to an encrypted gp3 default class under the customer key", async () => {
        const graph = await recordComponent((provider) => new EncryptedStorageClass("encrypted-gp3", { provider, kmsKeyArn: KEY }));
        const sc = graph.named("encrypted-gp3-class", STORAGE_CLASS);
        const inputs = sc.inputs as any;
        assert.equal(inputs.provisioner, "ebs.csi.aws.com");
        assert.deepEqual(inputs.parameters, { type: "gp3", "csi.storage.k8s.io/fstype": "ext4", encrypted: "true", kmsKeyId: KEY });
        assert.equal(inputs.volumeBindingMode, "WaitForFirstConsumer");
        assert.equal(inputs.allowVolumeExpansion, true);
        assert.equal(inputs.metadata.name, "encrypted-gp3");
        assert.equal(inputs.metadata.annotations["storageclass.kubernetes.io/is-default-class"], "true");
        assert.equal(graph.component("bulwark:kubernetes:EncryptedStorageClass").name, "encrypted-gp3");
        assert.equal(sc.parent, graph.result.urn);
        assertParentsAndProviders(graph);
    });

    it("exports the class name for claims and chart values", async () => {
        let cls: EncryptedStorageClass | undefined;
        const graph = await recordComponent((provider) => (cls = new EncryptedStorageClass("ebs", { provider, storageClassName: "secure-gp3" })));
        const name = await new Promise((resolve) => cls!.storageClassName.apply(resolve));
        assert.equal(name, "secure-gp3");
        const component = graph.component("bulwark:kubernetes:EncryptedStorageClass");
        assert.equal((component.outputs as any).storageClassName, "secure-gp3");
    });

    it("without a customer key still encrypts, and can be a non-default class", async () => {
        const graph = await recordComponent((provider) => new EncryptedStorageClass("ebs", { provider, isDefault: false, parameters: { type: "io2", iops: "4000" } }));
        const inputs = graph.named("ebs-class", STORAGE_CLASS).inputs as any;
        assert.deepEqual(inputs.parameters, { type: "io2", "csi.storage.k8s.io/fstype": "ext4", iops: "4000", encrypted: "true" });
        assert.equal(inputs.metadata.annotations["storageclass.kubernetes.io/is-default-class"], "false");
    });

    it("takes another provisioner's declared encryption parameter", async () => {
        const graph = await recordComponent(
            (provider) =>
                new EncryptedStorageClass("ceph", {
                    provider,
                    provisioner: "rbd.csi.ceph.com",
                    parameters: { clusterID: "c1", pool: "k8s", encrypted: "true", encryptionKMSID: "vault" },
                }),
        );
        const inputs = graph.named("ceph-class", STORAGE_CLASS).inputs as any;
        assert.equal(inputs.provisioner, "rbd.csi.ceph.com");
        assert.deepEqual(inputs.parameters, { clusterID: "c1", pool: "k8s", encrypted: "true", encryptionKMSID: "vault" });
    });

    it("takes a named encryption parameter for an unknown provisioner", async () => {
        const graph = await recordComponent(
            (provider) =>
                new EncryptedStorageClass("vendor", {
                    provider,
                    provisioner: "csi.vendor.example.com",
                    encryptionParameter: "encryptAtRest",
                    parameters: { encryptAtRest: "aes-256" },
                }),
        );
        assert.deepEqual((graph.named("vendor-class", STORAGE_CLASS).inputs as any).parameters, { encryptAtRest: "aes-256" });
    });

    describe("refuses", () => {
        it("a provisioner that declares no encryption parameter", () =>
            assertRejected((provider) => new EncryptedStorageClass("nfs", { provider, provisioner: "nfs.csi.k8s.io", parameters: { server: "nfs" } }), [
                "encryptionParameter",
            ]));

        it("a known provisioner without its encryption parameter", () =>
            assertRejected((provider) => new EncryptedStorageClass("gke", { provider, provisioner: "pd.csi.storage.gke.io", parameters: { type: "pd-ssd" } }), [
                "parameters.disk-encryption-kms-key",
            ]));

        it("an encryption parameter that turns encryption off", () =>
            assertRejected(
                (provider) =>
                    new EncryptedStorageClass("ceph", { provider, provisioner: "rbd.csi.ceph.com", parameters: { encrypted: "false" } }),
                ["parameters.encrypted"],
            ));

        it("unencrypted EBS, a key given two ways, a bad name, and a key for another driver, all at once", async () => {
            await assertRejected(
                (provider) =>
                    new EncryptedStorageClass("Bad_Name", {
                        provider,
                        kmsKeyArn: KEY,
                        parameters: { encrypted: "false", kmsKeyId: KEY },
                    }),
                ["storageClassName", "parameters.encrypted", "parameters.kmsKeyId"],
            );
            await assertRejected(
                (provider) => new EncryptedStorageClass("azure", { provider, provisioner: "disk.csi.azure.com", kmsKeyArn: KEY }),
                ["kmsKeyArn", "parameters.diskEncryptionSetID"],
            );
        });

        it("a missing provider", () =>
            assertRejected(() => new EncryptedStorageClass("ebs", {} as never), ["provider"]));
    });
});
