import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { IMAGE, bad, cronJob, deployment, deploymentPatch, ok, pod } from "../lib/platform.fixtures";

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "patch-that-leaves-the-field-to-the-live-object": ok(deploymentPatch([{ name: "app", image: IMAGE }])),
        "automount-off": ok(deployment()),
        "explicit-opt-in": ok(
            deployment((spec) => {
                spec.automountServiceAccountToken = true;
            }),
        ),
        "unknown-at-preview": ok(
            deployment((spec) => {
                spec.automountServiceAccountToken = UNKNOWN;
            }),
        ),
    },
    fail: {
        "unset-on-deployment": bad(
            deployment((spec) => {
                delete spec.automountServiceAccountToken;
            }),
            "spec.template.spec.automountServiceAccountToken must be set",
        ),
        "unset-on-pod": bad(
            pod((spec) => {
                delete spec.automountServiceAccountToken;
            }),
            "spec.automountServiceAccountToken",
        ),
        "unset-on-cronjob": bad(
            cronJob((spec) => {
                delete spec.automountServiceAccountToken;
            }),
            "spec.jobTemplate.spec.template.spec.automountServiceAccountToken",
        ),
    },
};
