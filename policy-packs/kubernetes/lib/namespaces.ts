/**
 * Which objects are namespaced, and the namespace an object lands in. With the Pulumi provider an
 * unset `metadata.namespace` means the provider's `namespace` setting if it has one, else the
 * kubeconfig context's namespace, else `default`; a policy cannot see the kubeconfig, so without an
 * explicit namespace on the object or the provider it assumes `default`.
 */
import type { PolicyProviderResource } from "@pulumi/policy";
import { type Known, type Preview, UNKNOWN_AT_PREVIEW, isUnknown } from "./preview";

/** API groups built into Kubernetes, whose kinds' scope is known here; "core" is the provider's name for "". */
const BUILT_IN_GROUPS = new Set([
    "core",
    "apps",
    "batch",
    "autoscaling",
    "policy",
    "extensions",
    "networking.k8s.io",
    "rbac.authorization.k8s.io",
    "discovery.k8s.io",
    "coordination.k8s.io",
    "events.k8s.io",
    "storage.k8s.io",
    "resource.k8s.io",
    "node.k8s.io",
    "scheduling.k8s.io",
    "admissionregistration.k8s.io",
    "apiextensions.k8s.io",
    "apiregistration.k8s.io",
    "certificates.k8s.io",
    "flowcontrol.apiserver.k8s.io",
    "internal.apiserver.k8s.io",
    "storagemigration.k8s.io",
    "authentication.k8s.io",
    "authorization.k8s.io",
    "settings.k8s.io",
    "auditregistration.k8s.io",
]);

/** Built-in kinds that are cluster-scoped (kinds of the groups above not listed here are namespaced). */
const CLUSTER_SCOPED_KINDS = new Set([
    "Namespace",
    "Node",
    "PersistentVolume",
    "ComponentStatus",
    "ClusterRole",
    "ClusterRoleBinding",
    "StorageClass",
    "CSIDriver",
    "CSINode",
    "VolumeAttachment",
    "VolumeAttributesClass",
    "CustomResourceDefinition",
    "APIService",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
    "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding",
    "MutatingAdmissionPolicy",
    "MutatingAdmissionPolicyBinding",
    "PriorityClass",
    "RuntimeClass",
    "CertificateSigningRequest",
    "ClusterTrustBundle",
    "IngressClass",
    "IPAddress",
    "ServiceCIDR",
    "ClusterCIDR",
    "FlowSchema",
    "PriorityLevelConfiguration",
    "StorageVersion",
    "StorageVersionMigration",
    "PodSecurityPolicy",
    "DeviceClass",
    "ResourceSlice",
    "DeviceTaintRule",
    "TokenReview",
    "SelfSubjectReview",
    "SelfSubjectAccessReview",
    "SelfSubjectRulesReview",
    "SubjectAccessReview",
]);

const TOKEN = /^kubernetes:([^/:]+)\/([^/:]+):([A-Za-z0-9]+)$/;

export type Scope = "namespaced" | "cluster" | "unknown";

/**
 * The scope of a Kubernetes type token. Lists are not objects; patches target an object of the
 * same scope. Custom resources (groups not built in) could be either: "unknown".
 */
export function scopeOf(type: string): Scope | undefined {
    const m = TOKEN.exec(type);
    if (!m) return undefined;
    const [, group, , rawKind] = m;
    if (rawKind.endsWith("List")) return undefined;
    const kind = rawKind.endsWith("Patch") ? rawKind.slice(0, -"Patch".length) : rawKind;
    if (!BUILT_IN_GROUPS.has(group)) return "unknown";
    return CLUSTER_SCOPED_KINDS.has(kind) ? "cluster" : "namespaced";
}

/** Where an object's namespace comes from. */
export interface EffectiveNamespace {
    readonly namespace: Known<string>;
    /** "metadata.namespace", "the provider's namespace", or "the default namespace". */
    readonly source: "object" | "provider" | "default";
}

/** The namespace a namespaced object lands in, as far as the policy can tell. */
export function effectiveNamespace(
    props: Record<string, any>,
    provider: PolicyProviderResource | undefined,
    preview: Preview,
): EffectiveNamespace {
    const own = preview.read(() => props.metadata?.namespace);
    if (isUnknown(own)) return { namespace: UNKNOWN_AT_PREVIEW, source: "object" };
    if (typeof own === "string" && own !== "") return { namespace: own, source: "object" };
    const fromProvider = provider ? preview.read(() => provider.props?.namespace) : undefined;
    if (isUnknown(fromProvider)) return { namespace: UNKNOWN_AT_PREVIEW, source: "provider" };
    if (typeof fromProvider === "string" && fromProvider !== "") return { namespace: fromProvider, source: "provider" };
    return { namespace: "default", source: "default" };
}
