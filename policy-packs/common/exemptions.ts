import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

/**
 * An exemption lifts one or more policies for a scoped set of resources. It must say why, and may
 * say until when. An exemption that lacks a justification or has expired does not apply, and the
 * violation it would have hidden is reported as mandatory with the reason.
 */
export interface Exemption {
    /** Policy names the exemption lifts. Absent: the policy under whose config it is given. */
    readonly policies?: readonly string[];
    /** Kubernetes namespaces the exemption covers. */
    readonly namespaces?: readonly string[];
    /**
     * Resources the exemption covers, by Pulumi resource name, Kubernetes `metadata.name`, or URN.
     * A trailing `*` matches a prefix (`node-exporter*`).
     */
    readonly resources?: readonly string[];
    /** Why this is acceptable: who decided, and what compensates for it. Required. */
    readonly justification: string;
    /** Last day (YYYY-MM-DD, UTC) on which the exemption applies. */
    readonly expires?: string;
}

export const exemptionSchema: PolicyConfigJSONSchema = {
    type: "object",
    description: "Lifts the policy for a scoped set of resources, with a justification and an optional expiry date.",
    properties: {
        policies: { type: "array", items: { type: "string", minLength: 1 }, description: "Policies lifted; default: this one." },
        namespaces: { type: "array", items: { type: "string", minLength: 1 }, description: "Kubernetes namespaces covered." },
        resources: {
            type: "array",
            items: { type: "string", minLength: 1 },
            description: "Resources covered: Pulumi name, Kubernetes metadata.name, or URN; a trailing * matches a prefix.",
        },
        justification: { type: "string", minLength: 1, description: "Why the exemption is acceptable. Required." },
        expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "Last day it applies (YYYY-MM-DD, UTC)." },
    },
    required: ["justification"],
    additionalProperties: false,
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
}

export type ExemptionVerdict =
    | { readonly kind: "none" }
    | { readonly kind: "exempt"; readonly exemption: Exemption }
    | { readonly kind: "invalid"; readonly exemption: Exemption; readonly reason: string };

/** Why an exemption cannot apply on the given day, or undefined when it is valid. */
export function exemptionProblem(e: Exemption, today: Date = new Date()): string | undefined {
    if (typeof e.justification !== "string" || e.justification.trim() === "") {
        return "it has no justification (set `justification` to why the exemption is acceptable)";
    }
    if (!(e.namespaces?.length || e.resources?.length)) {
        return "it is not scoped (set `namespaces` and/or `resources`)";
    }
    if (e.expires !== undefined) {
        const end = Date.parse(`${e.expires}T23:59:59.999Z`);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(e.expires) || Number.isNaN(end)) {
            return `its expiry "${e.expires}" is not a date (use YYYY-MM-DD)`;
        }
        if (today.getTime() > end) return `it expired on ${e.expires} (renew it with a new date, or fix the resource)`;
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

function covers(e: Exemption, s: ExemptionSubject): boolean {
    if (e.policies && !e.policies.includes(s.policy)) return false;
    if (e.namespaces?.length && !(s.namespace !== undefined && e.namespaces.includes(s.namespace))) return false;
    if (e.resources?.length && !e.resources.some((p) => nameMatches(p, s))) return false;
    return Boolean(e.namespaces?.length || e.resources?.length);
}

/**
 * Decides whether a violation on `subject` is lifted. A valid covering exemption wins over an
 * invalid one; an invalid covering exemption is reported so that its owner sees why it failed.
 */
export function findExemption(
    exemptions: readonly Exemption[] | undefined,
    subject: ExemptionSubject,
    today: Date = new Date(),
): ExemptionVerdict {
    let invalid: ExemptionVerdict = { kind: "none" };
    for (const e of exemptions ?? []) {
        // An exemption with no scope covers nothing, but still deserves a visible reason.
        const scoped = Boolean(e.namespaces?.length || e.resources?.length);
        if (scoped ? !covers(e, subject) : e.policies !== undefined && !e.policies.includes(subject.policy)) continue;
        const problem = exemptionProblem(e, today);
        if (problem === undefined) return { kind: "exempt", exemption: e };
        if (invalid.kind === "none") invalid = { kind: "invalid", exemption: e, reason: problem };
    }
    return invalid;
}
