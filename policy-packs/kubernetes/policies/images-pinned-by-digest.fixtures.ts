import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { DIGEST, ECR, IMAGE, bad, cronJob, deployment, deploymentPatch, ok } from "../lib/platform.fixtures";

const image = (ref: string, list: "containers" | "initContainers" = "containers") => (spec: Record<string, any>) => {
    spec[list][0].image = ref;
};

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "patch-that-sets-a-pinned-image": ok(deploymentPatch([{ name: "app", image: IMAGE }])),
        "digest": ok(deployment()),
        "tag-and-digest": ok(deployment(image(`${ECR}/web:1.4.2@${DIGEST}`))),
        "registry-with-port-and-digest": ok(deployment(image(`registry.local:5000/web@${DIGEST}`))),
        "image-unknown-at-preview": ok(deployment(image(UNKNOWN))),
    },
    fail: {
        "patch-that-sets-a-tag": bad(deploymentPatch([{ name: "app", image: `${ECR}/web:1.4.2` }]), "spec.template.spec.containers[0].image"),
        "latest-tag": bad(deployment(image(`${ECR}/web:latest`)), "spec.template.spec.containers[0].image"),
        "untagged-means-latest": bad(deployment(image("nginx")), "has no tag or digest, so it resolves to :latest"),
        "registry-port-is-not-a-tag": bad(deployment(image("registry.local:5000/web")), "has no tag or digest"),
        "movable-version-tag": bad(deployment(image(`${ECR}/web:1.4.2`, "initContainers")), "spec.template.spec.initContainers[0].image"),
        "short-digest": bad(deployment(image(`${ECR}/web@sha256:abc`)), "malformed digest"),
        "cronjob": bad(cronJob(image("nginx:1.27")), "spec.jobTemplate.spec.template.spec.containers[0].image"),
    },
};
