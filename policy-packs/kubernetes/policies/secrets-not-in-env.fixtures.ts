import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { bad, deployment, deploymentPatch, ok, pod } from "../lib/platform.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "patch-that-sets-plain-env": ok(deploymentPatch([{ name: "app", env: [{ name: "MODE", value: "prod" }] }])),
        "secret-as-volume": ok(
            deployment((spec) => {
                spec.volumes = [{ name: "creds", secret: { secretName: "db" } }];
                spec.containers[0].volumeMounts = [{ name: "creds", mountPath: "/var/run/secrets/db", readOnly: true }];
            }),
        ),
        "config-map-env-is-fine": ok(
            deployment((spec) => {
                spec.containers[0].env = [{ name: "MODE", valueFrom: { configMapKeyRef: { name: "cfg", key: "mode" } } }];
                spec.containers[0].envFrom = [{ configMapRef: { name: "cfg" } }];
            }),
        ),
        "env-unknown-at-preview": ok(
            deployment((spec) => {
                spec.containers[0].env = UNKNOWN;
            }),
        ),
    },
    fail: {
        "patch-that-adds-a-secret-env": bad(
            deploymentPatch([{ name: "app", env: [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }] }]),
            'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef ("DB_PASSWORD")',
        ),
        "secret-key-ref": bad(
            deployment((spec) => {
                spec.containers[0].env = [
                    { name: "MODE", value: "prod" },
                    { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
                ];
            }),
            'spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef ("DB_PASSWORD")',
        ),
        "env-from-secret": bad(
            deployment((spec) => {
                spec.initContainers[0].envFrom = [{ secretRef: { name: "db" } }];
            }),
            "spec.template.spec.initContainers[0].envFrom[0].secretRef",
        ),
        "ephemeral-container": bad(
            pod((spec) => {
                spec.ephemeralContainers = [{ name: "debug", image: "x", envFrom: [{ secretRef: { name: "db" } }] }];
            }),
            "spec.ephemeralContainers[0].envFrom[0].secretRef",
        ),
    },
};
