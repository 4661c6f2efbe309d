/**
 * Kubernetes manifests as the provider reads them: multi-document YAML (or JSON) decoded with empty
 * documents skipped, list objects flattened, the default namespace applied to namespaced kinds, and
 * each object named and typed as the provider registers it.
 */
import * as yaml from "js-yaml";
import type { ExpandedChild, KubeObject } from "./index";

/**
 * The provider decodes YAML with sigs.k8s.io/yaml (go-yaml v2, YAML 1.1), as kubectl does: `yes`/`on`
 * are true, `0755` is octal, `1_000` is 1000, and timestamps stay strings. Read as YAML 1.2, a
 * `privileged: yes` would be the string "yes", and a policy looking for `true` would pass it.
 */
const yaml11Bool = new yaml.Type("tag:yaml.org,2002:bool", {
    kind: "scalar",
    resolve: (data: string | null) => data !== null && /^(?:y|Y|yes|Yes|YES|on|On|ON|true|True|TRUE|n|N|no|No|NO|off|Off|OFF|false|False|FALSE)$/.test(data),
    construct: (data: string) => /^(?:y|yes|on|true)$/i.test(data),
});

const yaml11Int = new yaml.Type("tag:yaml.org,2002:int", {
    kind: "scalar",
    resolve: (data: string | null) => data !== null && /^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[1-9][0-9_]*|0)$/.test(data),
    construct: (data: string) => {
        const sign = data.startsWith("-") ? -1 : 1;
        const digits = data.replace(/^[-+]/, "").replace(/_/g, "");
        if (/^0b/.test(digits)) return sign * parseInt(digits.slice(2), 2);
        if (/^0x/.test(digits)) return sign * parseInt(digits.slice(2), 16);
        if (/^0o?[0-7]/.test(digits)) return sign * parseInt(digits.replace(/^0o?/, ""), 8);
        return sign * parseInt(digits, 10);
    },
});

const timestampAsString = new yaml.Type("tag:yaml.org,2002:timestamp", { kind: "scalar", resolve: () => false });

// A type replaces the schema's own type of the same tag, so these stand in for YAML 1.2's.
const K8S_YAML = yaml.DEFAULT_SCHEMA.extend({ implicit: [yaml11Bool, yaml11Int, timestampAsString] });

/** Decodes every document of a YAML or JSON stream; `where` names the source in errors. */
export function decodeDocuments(text: string, where: string): Record<string, unknown>[] {
    let docs: unknown[];
    try {
        docs = yaml.loadAll(text, undefined, { filename: where, schema: K8S_YAML });
    } catch (e) {
        throw new Error(`${where}: invalid YAML: ${(e as Error).message.split("\n")[0]}`);
    }
    const out: Record<string, unknown>[] = [];
    docs.forEach((doc, i) => {
        if (doc === null || doc === undefined) return;
        if (typeof doc !== "object" || Array.isArray(doc)) {
            throw new Error(`${where}: document ${i + 1} is not a Kubernetes object (a mapping with apiVersion and kind)`);
        }
        out.push(doc as Record<string, unknown>);
    });
    return out;
}

/**
 * The `kubernetes:yaml:decode` answer: documents without a kind or apiVersion are skipped, and with a
 * default namespace, namespaced kinds without one get it (kinds it cannot place are taken as namespaced,
 * as the provider does when no cluster tells it otherwise).
 */
export function decodeForInvoke(text: string, defaultNamespace: string | undefined, where: string): Record<string, unknown>[] {
    return asInvokeResult(decodeDocuments(text, where), defaultNamespace);
}

/** The provider marshals invoke results with SkipNulls: a null map entry does not reach the program. */
function withoutNulls(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(withoutNulls);
    if (value && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
    }
    return value;
}

/** Decoded objects as the provider's decode step returns them (see `decodeForInvoke`). */
export function asInvokeResult(docs: readonly Record<string, unknown>[], defaultNamespace: string | undefined): Record<string, unknown>[] {
    const objs = docs
        .filter((o) => typeof o.kind === "string" && o.kind && typeof o.apiVersion === "string" && o.apiVersion)
        .map((o) => withoutNulls(o) as Record<string, unknown>);
    if (!defaultNamespace) return objs;
    return objs.map((o) => (isNamespaced(o, []) !== false && !namespaceOf(o) ? withNamespace(o, defaultNamespace) : o));
}

/** Groups served by the API server itself; any other group (even `*.k8s.io`) comes from a CRD. */
const BUILT_IN_GROUPS = new Set([
    "", "core", "apps", "batch", "autoscaling", "policy", "extensions",
    "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io", "authentication.k8s.io",
    "authorization.k8s.io", "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io",
    "flowcontrol.apiserver.k8s.io", "internal.apiserver.k8s.io", "networking.k8s.io", "node.k8s.io",
    "rbac.authorization.k8s.io", "resource.k8s.io", "scheduling.k8s.io", "settings.k8s.io", "storage.k8s.io",
    "storagemigration.k8s.io", "auditregistration.k8s.io",
]);

const CLUSTER_SCOPED = new Set([
    "APIService", "AuditSink", "CertificateSigningRequest", "ClusterRole", "ClusterRoleBinding", "ClusterTrustBundle",
    "ComponentStatus", "CSIDriver", "CSINode", "CustomResourceDefinition", "DeviceClass", "FlowSchema", "IngressClass",
    "IPAddress", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding", "MutatingWebhookConfiguration", "Namespace",
    "Node", "PersistentVolume", "PodSecurityPolicy", "PriorityClass", "PriorityLevelConfiguration", "ResourceSlice",
    "RuntimeClass", "SelfSubjectAccessReview", "SelfSubjectReview", "SelfSubjectRulesReview", "ServiceCIDR", "StorageClass",
    "StorageVersion", "StorageVersionMigration", "SubjectAccessReview", "TokenReview", "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding", "ValidatingWebhookConfiguration", "VolumeAttachment", "VolumeAttributesClass",
]);

const NAMESPACED = new Set([
    "Binding", "ConfigMap", "ControllerRevision", "CronJob", "CSIStorageCapacity", "DaemonSet", "Deployment", "Endpoints",
    "EndpointSlice", "Event", "HorizontalPodAutoscaler", "Ingress", "Job", "Lease", "LeaseCandidate", "LimitRange",
    "LocalSubjectAccessReview", "NetworkPolicy", "PersistentVolumeClaim", "Pod", "PodCertificateRequest",
    "PodDisruptionBudget", "PodPreset", "PodSchedulingContext", "PodTemplate", "ReplicaSet", "ReplicationController",
    "ResourceClaim", "ResourceClaimTemplate", "ResourceQuota", "Role", "RoleBinding", "Secret", "Service",
    "ServiceAccount", "StatefulSet",
]);

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
    const i = apiVersion.lastIndexOf("/");
    return i < 0 ? { group: "", version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

function namespaceOf(o: Record<string, unknown>): string | undefined {
    const ns = (o.metadata as Record<string, unknown> | undefined)?.namespace;
    return typeof ns === "string" && ns ? ns : undefined;
}

function withNamespace(o: Record<string, unknown>, namespace: string): Record<string, unknown> {
    const metadata = (o.metadata && typeof o.metadata === "object" ? o.metadata : {}) as Record<string, unknown>;
    return { ...o, metadata: { ...metadata, namespace } };
}

/**
 * Whether a kind is namespaced: built-in kinds (and their `...Patch` forms) from the provider's table,
 * custom kinds from a CRD among `objs`; undefined when only a cluster could say.
 */
export function isNamespaced(o: Record<string, unknown>, objs: readonly Record<string, unknown>[]): boolean | undefined {
    const { group } = splitApiVersion(String(o.apiVersion));
    const kind = String(o.kind);
    if (BUILT_IN_GROUPS.has(group)) {
        const base = kind.endsWith("Patch") ? kind.slice(0, -"Patch".length) : kind;
        if (CLUSTER_SCOPED.has(base)) return false;
        if (NAMESPACED.has(base)) return true;
    }
    for (const crd of objs) {
        if (crd.kind !== "CustomResourceDefinition" || !String(crd.apiVersion).startsWith("apiextensions.k8s.io/")) continue;
        const spec = (crd.spec ?? {}) as { group?: string; scope?: string; names?: { kind?: string } };
        if (spec.group === group && spec.names?.kind === kind) return spec.scope === "Namespaced";
    }
    return undefined;
}

/** Any object with an `items` array is a list, as Kubernetes' unstructured objects define it. */
function isList(o: Record<string, unknown>): boolean {
    return Array.isArray(o.items);
}

/** Lists flattened depth-first, in document order, as the provider's yaml/v2 expands them. */
export function flattenLists(objs: readonly Record<string, unknown>[], where: string): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (const o of objs) {
        if (isList(o)) {
            const items = o.items as unknown[];
            items.forEach((item, i) => {
                if (!item || typeof item !== "object" || Array.isArray(item)) {
                    throw new Error(`${where}: item ${i} of the ${String(o.kind)} list is not a Kubernetes object`);
                }
            });
            out.push(...flattenLists(items as Record<string, unknown>[], where));
        } else {
            out.push(o);
        }
    }
    return out;
}

/** The Pulumi type token of an object: `kubernetes:<group or core>/<version>:<Kind>`. */
export function typeToken(apiVersion: string, kind: string): string {
    const { group, version } = splitApiVersion(apiVersion);
    return `kubernetes:${group === "" ? "core" : group}/${version}:${kind}`;
}

function brief(o: Record<string, unknown>): string {
    const s = JSON.stringify(o);
    return s.length <= 100 ? s : `${s.slice(0, 97)}...`;
}

/**
 * The provider's yaml/v2 normalization and registration: lists flattened, a `core/` group written as
 * the core group, every object checked for kind, apiVersion and name, namespaced kinds given the
 * default namespace, and each child named `[<prefix>:]<namespace>/<name>` (or `<name>` when cluster-scoped).
 */
export function childrenOf(objects: readonly Record<string, unknown>[], opts: {
    readonly defaultNamespace: string;
    readonly resourcePrefix: string;
    readonly skipAwait?: boolean;
    readonly where: string;
}): ExpandedChild[] {
    const objs = flattenLists(objects, opts.where);
    return objs.map((raw) => {
        let o = raw;
        if (typeof o.kind !== "string" || !o.kind || typeof o.apiVersion !== "string" || !o.apiVersion || o.apiVersion === "core") {
            throw new Error(`${opts.where}: Kubernetes resources require a kind and apiVersion: \`${brief(o)}\``);
        }
        const name = (o.metadata as Record<string, unknown> | undefined)?.name;
        if (typeof name !== "string" || !name) {
            throw new Error(`${opts.where}: Kubernetes resources require a .metadata.name: \`${brief(o)}\``);
        }
        if (o.apiVersion.startsWith("core/")) o = { ...o, apiVersion: o.apiVersion.slice("core/".length) };
        // A kind only a cluster could place is taken as namespaced: a namespace it does not need is harmless
        // to the analysis, while a missing one would hide it from namespace-scoped policies.
        if (isNamespaced(o, objs) !== false && !namespaceOf(o)) o = withNamespace(o, opts.defaultNamespace);
        if (opts.skipAwait) {
            const metadata = o.metadata as Record<string, unknown>;
            const annotations = (metadata.annotations && typeof metadata.annotations === "object" ? metadata.annotations : {}) as Record<string, unknown>;
            o = { ...o, metadata: { ...metadata, annotations: { ...annotations, "pulumi.com/skipAwait": "true" } } };
        }
        const ns = namespaceOf(o);
        const base = ns ? `${ns}/${name}` : name;
        // The provider always registers a Secret's payload as secret, so raw YAML cannot leak it.
        const secretKeys = o.apiVersion === "v1" && o.kind === "Secret" ? ["data", "stringData"].filter((k) => k in o) : [];
        return {
            type: typeToken(o.apiVersion as string, o.kind as string),
            name: opts.resourcePrefix ? `${opts.resourcePrefix}:${base}` : base,
            inputs: o as unknown as KubeObject,
            ...(secretKeys.length ? { secretKeys } : {}),
        };
    });
}
