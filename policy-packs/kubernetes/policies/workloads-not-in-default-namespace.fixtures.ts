import type { PolicyFixtures, ResourceCase } from "../../common/fixtures";
import { UNKNOWN } from "../../../preview/types";
import { bad, deployment, ok } from "../lib/platform.fixtures";

const configMap = (metadata: Record<string, unknown>): ResourceCase["resource"] => ({
    type: "kubernetes:core/v1:ConfigMap",
    name: "settings",
    props: { metadata: { name: "settings", ...metadata }, data: {} },
});

export const fixtures: PolicyFixtures<ResourceCase> = {
    pass: {
        "dedicated-namespace": ok(deployment()),
        "cluster-scoped-kind": ok({ type: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", props: { metadata: { name: "r" }, rules: [] } }),
        "namespace-object-itself": ok({ type: "kubernetes:core/v1:Namespace", props: { metadata: { name: "apps" } } }),
        "custom-resource-without-namespace-may-be-cluster-scoped": ok({
            type: "kubernetes:cert-manager.io/v1:ClusterIssuer",
            props: { metadata: { name: "letsencrypt" }, spec: {} },
        }),
        "namespace-unknown-at-preview": ok(configMap({ namespace: UNKNOWN })),
        "helm-release-with-namespace": ok({ type: "kubernetes:helm.sh/v3:Release", props: { chart: "x", namespace: "ingress" } }),
    },
    fail: {
        "explicit-default": bad(deployment(() => {}, "default"), 'metadata.namespace must not be "default"'),
        "unset-namespace-lands-in-default": bad(deployment(() => {}, null), "metadata.namespace is unset, so the object lands in the default namespace"),
        "patch-resource": bad(
            { type: "kubernetes:apps/v1:DeploymentPatch", props: { metadata: { name: "coredns", namespace: "default" } } },
            'metadata.namespace must not be "default"',
        ),
        "custom-resource-explicit-default": bad(
            { type: "kubernetes:cert-manager.io/v1:Certificate", props: { metadata: { name: "tls", namespace: "default" }, spec: {} } },
            'metadata.namespace must not be "default"',
        ),
        "helm-release-without-namespace": bad({ type: "kubernetes:helm.sh/v3:Release", props: { chart: "x" } }, "namespace must name a dedicated namespace"),
    },
};
