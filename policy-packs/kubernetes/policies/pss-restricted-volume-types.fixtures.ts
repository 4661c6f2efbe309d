import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { failCase, podCase } from "../lib/pods.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "every-allowed-source": podCase("Pod", (s) => {
            s.volumes = [
                { name: "defaulted-to-empty-dir" },
                { name: "a", configMap: { name: "cfg" } },
                { name: "b", secret: { secretName: "s" } },
                { name: "c", emptyDir: { medium: "Memory" } },
                { name: "d", persistentVolumeClaim: { claimName: "data" } },
                { name: "e", projected: { sources: [] } },
                { name: "f", downwardAPI: { items: [] } },
                { name: "g", csi: { driver: "secrets-store.csi.k8s.io" } },
                { name: "h", ephemeral: { volumeClaimTemplate: { spec: {} } } },
                { name: "i", image: { reference: "registry.example.com/models:1" } },
            ];
        }),
        "source-unknown-at-preview": podCase("Deployment", (s) => {
            s.volumes = [{ name: "x", nfs: UNKNOWN }];
        }),
    },
    fail: {
        "pod-nfs": failCase("Pod", "volumes[0].nfs", (s) => {
            s.volumes = [{ name: "share", nfs: { server: "nfs.example.com", path: "/exports" } }];
        }),
        "deployment-host-path": failCase("Deployment", "volumes[1].hostPath", (s) => {
            s.volumes = [{ name: "ok", emptyDir: {} }, { name: "host", hostPath: { path: "/etc" } }];
        }),
        "statefulset-cloud-disk": failCase("StatefulSet", "volumes[0].awsElasticBlockStore", (s) => {
            s.volumes = [{ name: "disk", awsElasticBlockStore: { volumeID: "vol-123" } }];
        }),
        "cronjob-git-repo": failCase("CronJob", "volumes[0].gitRepo", (s) => {
            s.volumes = [{ name: "src", gitRepo: { repository: "https://example.com/repo.git" } }];
        }),
    },
};
