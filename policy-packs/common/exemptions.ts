import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

/**
 * An exemption lifts one or more policies for a narrow, named set of resources. It must say why, and
 * for a mandatory policy of high or critical severity until when. An exemption that is too broad,
 * lacks a justification or has expired does not apply, and the violation it would have hidden stays
 * at its level with the reason. Both packs compile this file in, so the same rules hold whether the
 * exemption came through Bulwark's settings or through a `--policy-pack-config` written by hand.
 */
export interface Exemption {
    /** Policy names the exemption lifts. Absent: the policy under whose config it is given. */
    readonly policies?: readonly string[];
    /** Kubernetes namespaces the exemption covers. */
    readonly namespaces?: readonly string[];
    /**
     * Resources the exemption covers, by Pulumi resource name, Kubernetes `metadata.name`, or URN.
     * A trailing `*` matches a prefix (`node-exporter*`); `*` alone or an empty prefix is refused.
     */
    readonly resources?: readonly string[];
    /**
     * Lifts the policy in every namespace (for the resources named, or for all). Never implied: an
     * exemption without `namespaces` covers only objects that have no namespace (cluster-scoped
     * Kubernetes objects, cloud resources) unless this is set with its own justification.
     */
    readonly clusterWide?: boolean;
    /** Why lifting the policy in every namespace is acceptable. Required with `clusterWide`. */
    readonly clusterWideJustification?: string;
    /** Why this is acceptable: who decided, and what compensates for it. Required. */
    readonly justification: string;
    /** Last day (YYYY-MM-DD, UTC) on which the exemption applies. */
    readonly expires?: string;
    /** The request this exemption was accepted from (`exr-...`), when a program or component asked for it. */
    readonly id?: string;
    /** Who asked for it: a component type, or `program`. */
    readonly requestedBy?: string;
    /** Who accepted it in the stack's policy settings. */
    readonly acceptedBy?: string;
}

/** How long an exemption may run when the settings do not say. */
export const DEFAULT_EXEMPTION_MAX_DAYS = 180;

const names = { type: "array", items: { type: "string", minLength: 1 } } as const;

export const exemptionSchema: PolicyConfigJSONSchema = {
    type: "object",
    description: "Lifts the policy for a narrow, named set of resources, with a justification and, for high and critical policies, an expiry date.",
    properties: {
        policies: { ...names, description: "Policies lifted; default: this one." },
        namespaces: { ...names, description: "Kubernetes namespaces covered." },
        resources: { ...names, description: "Resources covered: Pulumi name, Kubernetes metadata.name, or URN; a trailing * matches a prefix." },
        clusterWide: { type: "boolean", description: "Lifts the policy in every namespace; needs clusterWideJustification." },
        clusterWideJustification: { type: "string", minLength: 1, description: "Why every namespace must be covered." },
        justification: { type: "string", minLength: 1, description: "Why the exemption is acceptable. Required." },
        expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "Last day it applies (YYYY-MM-DD, UTC)." },
        id: { type: "string", description: "The accepted request's id." },
        requestedBy: { type: "string", description: "Who requested it: a component type, or program." },
        acceptedBy: { type: "string", description: "Who accepted it." },
    },
    required: ["justification"],
    additionalProperties: false,
};

/** The config key, on every policy, for the longest span an exemption may run. */
export const maxDaysSchema: PolicyConfigJSONSchema = {
    type: "integer",
    minimum: 1,
    maximum: 3650,
    default: DEFAULT_EXEMPTION_MAX_DAYS,
    description: "The latest expiry an exemption may have, in days from today.",
};

/** What an exemption is matched against. */
export interface ExemptionSubject {
    readonly policy: string;
    readonly urn: string;
    readonly name: string;
    /** Kubernetes `metadata.name`, where the resource has one. */
    readonly objectName?: string;
    /** Kubernetes namespace, where the resource has one. */
    readonly namespace?: string;
    /** The resource lives in a namespace even though its namespace is not known here (set by the provider, or `default`). */
    readonly namespaced?: boolean;
}

/** What the rules for an exemption depend on besides the exemption itself. */
export interface ExemptionRules {
    readonly today?: Date;
    /** Longest span from today to `expires`. Default: 180 days. */
    readonly maxDays?: number;
    /** The lifted policy is mandatory with high or critical severity, so `expires` is required. */
    readonly requiresExpiry?: boolean;
}

export type ExemptionVerdict =
    | { readonly kind: "none" }
    | { readonly kind: "exempt"; readonly exemption: Exemption }
    | { readonly kind: "invalid"; readonly exemption: Exemption; readonly reason: string };

const DAY = 24 * 60 * 60 * 1000;

function stringList(value: unknown): string[] | undefined {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;
}

/** Why a resource pattern is too broad to name anything in particular, or undefined. */
export function patternProblem(pattern: unknown): string | undefined {
    if (typeof pattern !== "string" || pattern.trim() === "") return "an empty resource name";
    if (!pattern.endsWith("*")) return pattern.includes("*") ? `"${pattern}" has a * that is not at the end` : undefined;
    const prefix = pattern.slice(0, -1);
    if (prefix.trim() === "") return `"${pattern}" matches every resource`;
    if (prefix.includes("*")) return `"${pattern}" has a * that is not at the end`;
    // A URN prefix that stops before the resource type covers a whole stack or project.
    if (prefix.startsWith("urn:") && prefix.split("::").length < 4) return `"${pattern}" matches every resource of a stack`;
    return undefined;
}

/**
 * Why an exemption cannot apply, or undefined when it is valid. The first problem is the one named;
 * every check reads defensively, because a pack gets whatever config it is given.
 */
export function exemptionProblem(e: Exemption, rules: ExemptionRules | Date = {}): string | undefined {
    const { today = new Date(), maxDays = DEFAULT_EXEMPTION_MAX_DAYS, requiresExpiry = false } = rules instanceof Date ? { today: rules } : rules;
    if (!e || typeof e !== "object") return "it is not an object with policies, a scope and a justification";
    if (typeof e.justification !== "string" || e.justification.trim() === "") {
        return "it has no justification (set `justification` to why the exemption is acceptable)";
    }
    const namespaces = stringList(e.namespaces) ?? [];
    const resources = stringList(e.resources) ?? [];
    if (namespaces.length === 0 && resources.length === 0 && e.clusterWide !== true) {
        return "it is not scoped (set `namespaces` and/or `resources`)";
    }
    const badNamespace = namespaces.find((n) => n.trim() === "" || n.includes("*"));
    if (badNamespace !== undefined) return `its namespace "${badNamespace}" is not a namespace name (list each namespace by its exact name)`;
    for (const r of resources) {
        const problem = patternProblem(r);
        if (problem) return `it is too broad: resources names ${problem} (name the resources, or a prefix of their names such as "node-exporter*")`;
    }
    if (e.clusterWide === true && (typeof e.clusterWideJustification !== "string" || e.clusterWideJustification.trim() === "")) {
        return "it is cluster-wide without saying why (set `clusterWideJustification`, or list `namespaces` instead)";
    }
    if (e.expires !== undefined) {
        const end = typeof e.expires === "string" && /^\d{4}-\d{2}-\d{2}$/.test(e.expires) ? Date.parse(`${e.expires}T23:59:59.999Z`) : NaN;
        if (Number.isNaN(end)) return `its expiry "${String(e.expires)}" is not a date (use YYYY-MM-DD)`;
        if (today.getTime() > end) return `it expired on ${e.expires} (renew it with a new date, or fix the resource)`;
        const latest = new Date(today.getTime() + maxDays * DAY).toISOString().slice(0, 10);
        if (e.expires > latest) return `its expiry ${e.expires} is more than ${maxDays} days away (set \`expires\` to ${latest} or earlier)`;
    } else if (requiresExpiry) {
        const latest = new Date(today.getTime() + maxDays * DAY).toISOString().slice(0, 10);
        return `it has no expiry, which a mandatory policy of high or critical severity requires (set \`expires\`, at most ${maxDays} days away: ${latest} or earlier)`;
    }
    return undefined;
}

function nameMatches(pattern: string, s: ExemptionSubject): boolean {
    const candidates = [s.name, s.urn, s.objectName].filter((c): c is string => typeof c === "string");
    if (pattern.endsWith("*")) {
        const prefix = pattern.slice(0, -1);
        return candidates.some((c) => c.startsWith(prefix));
    }
    return candidates.includes(pattern);
}

type Coverage = "covers" | "no" | "needs-namespaces";

function coverage(e: Exemption, s: ExemptionSubject): Coverage {
    if (!e || typeof e !== "object") return "no";
    const policies = stringList(e.policies);
    if (policies && !policies.includes(s.policy)) return "no";
    const namespaces = stringList(e.namespaces) ?? [];
    const resources = stringList(e.resources) ?? [];
    if (resources.length > 0 && !resources.some((p) => nameMatches(p, s))) return "no";
    if (namespaces.length > 0) return s.namespace !== undefined && namespaces.includes(s.namespace) ? "covers" : "no";
    const inNamespace = s.namespace !== undefined || s.namespaced === true;
    if (inNamespace && e.clusterWide !== true) return "needs-namespaces";
    return resources.length > 0 || e.clusterWide === true ? "covers" : "no";
}

function isScoped(e: Exemption): boolean {
    return Boolean(stringList(e?.namespaces)?.length || stringList(e?.resources)?.length || e?.clusterWide === true);
}

/**
 * Decides whether a violation on `subject` is lifted. A valid covering exemption wins over an
 * invalid one; an invalid covering exemption is reported so that its owner sees why it failed.
 */
export function findExemption(
    exemptions: readonly Exemption[] | undefined,
    subject: ExemptionSubject,
    rules: ExemptionRules | Date = {},
): ExemptionVerdict {
    let invalid: ExemptionVerdict = { kind: "none" };
    const note = (e: Exemption, reason: string) => {
        if (invalid.kind === "none") invalid = { kind: "invalid", exemption: e, reason };
    };
    for (const e of Array.isArray(exemptions) ? exemptions : []) {
        if (!isScoped(e)) {
            // An exemption with no scope covers nothing, but still deserves a visible reason.
            const policies = stringList(e?.policies);
            if (!policies || policies.includes(subject.policy)) note(e, exemptionProblem(e, rules) ?? "it is not scoped");
            continue;
        }
        const covered = coverage(e, subject);
        if (covered === "no") continue;
        const problem = exemptionProblem(e, rules);
        if (covered === "needs-namespaces") {
            note(
                e,
                problem ??
                `it lists no namespaces, so it would lift the policy in every namespace (list \`namespaces\`${
                    subject.namespace ? `, such as [${subject.namespace}]` : ""
                }, or set \`clusterWide: true\` with \`clusterWideJustification\`)`,
            );
            continue;
        }
        if (problem === undefined) return { kind: "exempt", exemption: e };
        note(e, problem);
    }
    return invalid;
}

/** Kubernetes kinds that have no namespace; every other Kubernetes kind lives in one. */
const CLUSTER_SCOPED_KINDS = new Set([
    "APIService",
    "CSIDriver",
    "CSINode",
    "CertificateSigningRequest",
    "ClusterRole",
    "ClusterRoleBinding",
    "CustomResourceDefinition",
    "FlowSchema",
    "IngressClass",
    "MutatingAdmissionPolicy",
    "MutatingAdmissionPolicyBinding",
    "MutatingWebhookConfiguration",
    "Namespace",
    "Node",
    "PersistentVolume",
    "PriorityClass",
    "PriorityLevelConfiguration",
    "RuntimeClass",
    "StorageClass",
    "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding",
    "ValidatingWebhookConfiguration",
    "VolumeAttachment",
]);

/**
 * Whether a Pulumi type is a namespaced Kubernetes object (`kubernetes:apps/v1:Deployment`, its
 * Patch and List forms). Helm and YAML components, providers and cloud resources are not.
 */
export function isNamespacedKubernetesType(type: string): boolean {
    const m = /^kubernetes:([^:]+):(.+)$/.exec(type);
    if (!m || /^(helm\.sh|yaml|kustomize)/.test(m[1])) return false;
    const kind = m[2].replace(/(Patch|List)$/, "");
    return !CLUSTER_SCOPED_KINDS.has(kind);
}
