import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { DIGEST, ECR, IMAGE, bad, cronJob, deployment, deploymentPatch, ok, pod } from "../lib/platform.fixtures";

const config = { allowedRegistries: [ECR, "ghcr.io/acme", "docker.io/library", "*.dkr.ecr.*.amazonaws.com/mirror"] };
const image = (ref: string) => (spec: Record<string, any>) => {
    spec.containers[0].image = ref;
};

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "patch-that-sets-an-approved-image": ok(deploymentPatch([{ name: "app", image: IMAGE }]), { allowedRegistries: [ECR] }),
        "private-ecr": ok(deployment(), config),
        "approved-path-prefix": ok(deployment(image(`ghcr.io/acme/web@${DIGEST}`)), config),
        "docker-hub-official-image-by-bare-name": ok(deployment(image("nginx")), config),
        "wildcard-host-labels": ok(deployment(image("987654321098.dkr.ecr.eu-west-1.amazonaws.com/mirror/web:1")), config),
        "image-unknown-at-preview": ok(deployment(image(UNKNOWN)), config),
        "containers-list-unknown-at-preview": ok(
            deployment((spec) => {
                spec.containers = UNKNOWN;
            }),
            config,
        ),
        "not-a-workload": ok({ type: "kubernetes:core/v1:ConfigMap", props: { metadata: { name: "x" }, data: { image: "evil.io/x" } } }, config),
    },
    fail: {
        "patch-that-sets-an-unapproved-image": bad(
            deploymentPatch([{ name: "app", image: "docker.io/attacker/miner@sha256:" + "b".repeat(64) }]),
            'spec.template.spec.containers[0].image "docker.io/attacker/miner',
            { allowedRegistries: [ECR] },
        ),
        "nothing-approved-by-default": bad(deployment(), `spec.template.spec.initContainers[0].image "${ECR}/web@${DIGEST}" pulls from`),
        "bare-name-means-docker-hub-library": bad(
            deployment(image("redis")),
            "spec.template.spec.containers[0].image \"redis\" pulls from docker.io/library/redis",
            { allowedRegistries: [ECR] },
        ),
        "user-repository-on-docker-hub-not-covered-by-library": bad(
            deployment(image("acme/web:1")),
            "pulls from docker.io/acme/web",
            config,
        ),
        "prefix-matches-whole-segments-only": bad(deployment(image(`ghcr.io/acme-evil/web@${DIGEST}`)), "ghcr.io/acme-evil/web", config),
        "lookalike-host": bad(deployment(image(`${ECR}.evil.io/web@${DIGEST}`)), "not an approved registry", config),
        "ephemeral-container-in-pod": bad(
            pod((spec) => {
                spec.ephemeralContainers = [{ name: "debug", image: "quay.io/acme/debug:1" }];
            }),
            "spec.ephemeralContainers[0].image",
            config,
        ),
        "cronjob-container": bad(cronJob(image("quay.io/x/y:1")), "spec.jobTemplate.spec.template.spec.containers[0].image", config),
        "known-container-beside-an-unknown-one": bad(
            deployment((spec) => {
                spec.initContainers[0].image = UNKNOWN;
                spec.containers[0].image = "quay.io/x/y:1";
            }),
            "spec.template.spec.containers[0].image",
            config,
        ),
    },
};
