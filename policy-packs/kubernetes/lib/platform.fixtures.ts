/**
 * Builders for the non-PSS fixtures: one compliant object per kind, changed one field at a time.
 * Named `.fixtures.ts` so that the pack build leaves it out.
 */
import type { ResourceCase, ResourceFixture } from "../../common/fixtures";

// Kubernetes objects are open-ended JSON here: fixtures build them, policies never see these types.
export type Obj = { [key: string]: any };

export const DIGEST = `sha256:${"a".repeat(64)}`;
export const IMAGE = `123456789012.dkr.ecr.us-east-1.amazonaws.com/web@${DIGEST}`;
export const ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com";

/** A container that every non-PSS container policy accepts. */
export function container(name = "app", extra: Obj = {}): Obj {
    return {
        name,
        image: IMAGE,
        securityContext: { readOnlyRootFilesystem: true },
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
        ...extra,
    };
}

/** A pod spec that every non-PSS workload policy accepts. */
export function podSpec(): Obj {
    return { automountServiceAccountToken: false, initContainers: [container("init")], containers: [container("app")] };
}

/** A Deployment in namespace "apps" (`null`: metadata.namespace unset) wrapping the spec after `edit`. */
export function deployment(edit: (spec: Obj) => void = () => {}, namespace: string | null = "apps"): ResourceFixture {
    const spec = podSpec();
    edit(spec);
    return {
        type: "kubernetes:apps/v1:Deployment",
        name: "web",
        props: { metadata: { name: "web", ...(namespace === null ? {} : { namespace }) }, spec: { template: { spec } } },
    };
}

/** The same pod spec, as a CronJob (the deepest template path). */
export function cronJob(edit: (spec: Obj) => void = () => {}): ResourceFixture {
    const spec = podSpec();
    edit(spec);
    return {
        type: "kubernetes:batch/v1:CronJob",
        name: "report",
        props: { metadata: { name: "report", namespace: "apps" }, spec: { schedule: "0 * * * *", jobTemplate: { spec: { template: { spec } } } } },
    };
}

/** A bare Pod. */
export function pod(edit: (spec: Obj) => void = () => {}): ResourceFixture {
    const spec = podSpec();
    edit(spec);
    return { type: "kubernetes:core/v1:Pod", name: "debug", props: { metadata: { name: "debug", namespace: "apps" }, spec } };
}

export const ok = (resource: ResourceFixture, config?: Obj): ResourceCase => ({ resource, ...(config ? { config } : {}) });
export const bad = (resource: ResourceFixture, expect: string, config?: Obj): ResourceCase => ({ resource, expect, ...(config ? { config } : {}) });

export const RBAC = "kubernetes:rbac.authorization.k8s.io/v1";

export function clusterRole(rules: Obj[], extra: Obj = {}, version = "v1"): ResourceFixture {
    return {
        type: `kubernetes:rbac.authorization.k8s.io/${version}:ClusterRole`,
        name: "reader",
        props: { metadata: { name: "reader" }, rules, ...extra },
    };
}

export function role(rules: Obj[], namespace = "apps"): ResourceFixture {
    return { type: `${RBAC}:Role`, name: "reader", props: { metadata: { name: "reader", namespace }, rules } };
}

export function binding(kind: "RoleBinding" | "ClusterRoleBinding", roleName: string, subjects: Obj[]): ResourceFixture {
    return {
        type: `${RBAC}:${kind}`,
        name: "binding",
        props: {
            metadata: { name: "binding", ...(kind === "RoleBinding" ? { namespace: "apps" } : {}) },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: roleName },
            subjects,
        },
    };
}

/**
 * A server-side-apply patch of a Deployment that sets only `containers` (each given as its fields),
 * as `kubernetes:apps/v1:DeploymentPatch` resources do: the rest of the live object is left as it is.
 */
export function deploymentPatch(containers: Obj[], podFields: Obj = {}): ResourceFixture {
    return {
        type: "kubernetes:apps/v1:DeploymentPatch",
        name: "web-patch",
        props: { metadata: { name: "web", namespace: "apps" }, spec: { template: { spec: { ...podFields, containers } } } },
    };
}
