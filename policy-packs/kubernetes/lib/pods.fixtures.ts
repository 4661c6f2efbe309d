/**
 * Builders for Pod Security fixtures: a pod that passes the restricted level, changed one field at a
 * time, then wrapped in any pod-bearing kind. Named `.fixtures.ts` so that the pack build leaves it out.
 */
import type { ResourceCase, ResourceFixture } from "../../common/fixtures";

// Kubernetes objects are open-ended JSON here: fixtures build them, policies never see these types.
export type Obj = { [key: string]: any };

export const WORKLOAD_KINDS = {
    Pod: { type: "kubernetes:core/v1:Pod", spec: "spec", metadata: "metadata" },
    PodTemplate: { type: "kubernetes:core/v1:PodTemplate", spec: "template.spec", metadata: "template.metadata" },
    ReplicationController: { type: "kubernetes:core/v1:ReplicationController", spec: "spec.template.spec", metadata: "spec.template.metadata" },
    Deployment: { type: "kubernetes:apps/v1:Deployment", spec: "spec.template.spec", metadata: "spec.template.metadata" },
    StatefulSet: { type: "kubernetes:apps/v1:StatefulSet", spec: "spec.template.spec", metadata: "spec.template.metadata" },
    DaemonSet: { type: "kubernetes:apps/v1:DaemonSet", spec: "spec.template.spec", metadata: "spec.template.metadata" },
    ReplicaSet: { type: "kubernetes:apps/v1:ReplicaSet", spec: "spec.template.spec", metadata: "spec.template.metadata" },
    Job: { type: "kubernetes:batch/v1:Job", spec: "spec.template.spec", metadata: "spec.template.metadata" },
    CronJob: { type: "kubernetes:batch/v1:CronJob", spec: "spec.jobTemplate.spec.template.spec", metadata: "spec.jobTemplate.spec.template.metadata" },
    DeploymentPatch: { type: "kubernetes:apps/v1:DeploymentPatch", spec: "spec.template.spec", metadata: "spec.template.metadata" },
} as const;

export type WorkloadKind = keyof typeof WORKLOAD_KINDS;

const RESTRICTED_CONTAINER: Obj = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };

/** A pod spec that every baseline and restricted policy accepts. */
export function restrictedSpec(): Obj {
    return {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
        initContainers: [{ name: "init", image: "registry.example.com/init:1", securityContext: structuredClone(RESTRICTED_CONTAINER) }],
        containers: [{ name: "app", image: "registry.example.com/app:1", securityContext: structuredClone(RESTRICTED_CONTAINER) }],
    };
}

function nest(path: string, leaf: Obj): Obj {
    return path.split(".").reduceRight<Obj>((inner, key) => ({ [key]: inner }), leaf);
}

function merge(a: Obj, b: Obj): Obj {
    const out: Obj = { ...a };
    for (const [k, v] of Object.entries(b)) {
        out[k] = v && typeof v === "object" && !Array.isArray(v) && out[k] && typeof out[k] === "object" ? merge(out[k], v) : v;
    }
    return out;
}

/** Wraps a pod (its spec, and metadata such as annotations) in a resource of the given kind. */
export function wrapPod(kind: WorkloadKind, pod: { spec: Obj; metadata?: Obj }, name = "web"): ResourceFixture {
    const k = WORKLOAD_KINDS[kind];
    const podMetadata = kind === "Pod" ? { name, namespace: "apps", ...(pod.metadata ?? {}) } : (pod.metadata ?? {});
    let props = merge(nest(k.spec, pod.spec), nest(k.metadata, podMetadata));
    if (kind !== "Pod") props = merge({ metadata: { name, namespace: "apps" } }, props);
    return { type: k.type, name, props };
}

/** A case: the restricted pod after `edit`, as the given kind. */
export function podCase(kind: WorkloadKind, edit: (spec: Obj, metadata: Obj) => void = () => {}): ResourceCase {
    const spec = restrictedSpec();
    const metadata: Obj = {};
    edit(spec, metadata);
    return { resource: wrapPod(kind, { spec, metadata }) };
}

/** A failing case whose message must name `field` under the kind's pod spec (or metadata, for "metadata."). */
export function failCase(kind: WorkloadKind, field: string, edit: (spec: Obj, metadata: Obj) => void): ResourceCase {
    const k = WORKLOAD_KINDS[kind];
    const expect = field.startsWith("metadata.") ? `${k.metadata}.${field.slice("metadata.".length)}` : `${k.spec}.${field}`;
    return { ...podCase(kind, edit), expect };
}
