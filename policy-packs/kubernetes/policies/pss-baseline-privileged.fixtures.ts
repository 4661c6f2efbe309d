import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";

const pod = (securityContext?: object): ResourceCase => ({
    resource: {
        type: "kubernetes:core/v1:Pod",
        name: "web",
        props: { metadata: { name: "web", namespace: "apps" }, spec: { containers: [{ name: "app", image: "x", securityContext }] } },
    },
});

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "no-security-context": pod(),
        "privileged-false": pod({ privileged: false }),
    },
    fail: {
        "container-privileged": { ...pod({ privileged: true }), expect: "spec.containers[0].securityContext.privileged" },
        "deployment-init-container-privileged": {
            resource: {
                type: "kubernetes:apps/v1:Deployment",
                props: {
                    metadata: { name: "web", namespace: "apps" },
                    spec: { template: { spec: { initContainers: [{ name: "init", securityContext: { privileged: true } }], containers: [] } } },
                },
            },
            expect: "spec.template.spec.initContainers[0].securityContext.privileged",
        },
    },
};
