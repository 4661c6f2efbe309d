/**
 * Exemptions that a program or a component declares are requests, not decisions: the program is
 * written by the team the gate checks. A request applies only where the stack's policy settings
 * (`policy.<stack>.yaml`, owned by the security team) accept it under `acceptedRequests`, either by
 * its id or by the component type that asks and the policies that type may lift. Every request, and
 * what became of it, is reported, with the YAML that would accept it.
 */
import { createHash } from "crypto";
import * as yaml from "js-yaml";
import { DEFAULT_EXEMPTION_MAX_DAYS, type Exemption, exemptionProblem } from "../policy-packs/common/exemptions";
import type { PackSettings, PolicyConfigKeys } from "../policy-packs/common/settings";
import { type RecordedResource, UNKNOWN } from "./types";

/** Who asks, when it is the program itself (the stack output `policyExemptions`) rather than a component. */
export const PROGRAM = "program";
const STACK_TYPE = "pulumi:pulumi:Stack";

/** One entry of `acceptedRequests` in a stack's policy settings. */
export interface AcceptanceRule {
    /** Accepts the one request with this id (as the preview lists it: `exr-...`). */
    readonly id?: string;
    /** Or accepts every request of this component type (`bulwark:kubernetes:MonitoringStack`)... */
    readonly component?: string;
    /** ...that lifts only these policies... */
    readonly policies?: readonly string[];
    /** ...and, when given, only within these namespaces. */
    readonly namespaces?: readonly string[];
    /** Who reviewed and accepted it (a person, team or ticket). Required. */
    readonly acceptedBy: string;
    /** Last day it applies; caps the request's own date, and supplies one where the request has none. */
    readonly expires?: string;
}

export interface ExemptionRequest {
    /** Stable across runs and stacks: the requester's type and the scope and policies asked for. */
    readonly id: string;
    /** The component type that asks, or `program`. */
    readonly requestedBy: string;
    readonly requesterUrn: string;
    readonly exemption: Exemption;
}

export interface ExemptionRequestStatus {
    readonly id: string;
    readonly requestedBy: string;
    readonly requesterUrn: string;
    readonly policies: readonly string[];
    readonly scope: { readonly namespaces?: readonly string[]; readonly resources?: readonly string[]; readonly clusterWide?: boolean };
    readonly justification: string;
    /** The expiry that applies: the earlier of the request's and the acceptance's. */
    readonly expires?: string;
    readonly accepted: boolean;
    readonly acceptedBy?: string;
    /** Why it was not accepted. */
    readonly why?: string;
    /** The YAML to add under the settings file's top level to accept it, when it can be accepted. */
    readonly howToAccept?: string;
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isNames = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
const sorted = (v: unknown) => (isNames(v) ? [...v].sort() : undefined);

/** JSON with keys in order, so the same request compares equal however it was serialized on its way. */
function canonical(v: unknown): string {
    if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
    if (isMapping(v)) return `{${Object.keys(v).sort().filter((k) => v[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
    return JSON.stringify(v) ?? "null";
}

export function requestId(requestedBy: string, e: Exemption): string {
    const key = JSON.stringify([requestedBy, sorted(e?.policies), sorted(e?.namespaces), sorted(e?.resources), e?.clusterWide === true]);
    return `exr-${createHash("sha256").update(key).digest("hex").slice(0, 12)}`;
}

/**
 * The requests in a recorded program: each component's registered output `policyExemptions`, then
 * the program's own stack output of that name, less what merely re-exports a component's request.
 */
export function collectExemptionRequests(resources: readonly RecordedResource[], outputs: Record<string, unknown>): ExemptionRequest[] {
    const out: ExemptionRequest[] = [];
    const seen = new Set<string>();
    const add = (requestedBy: string, requesterUrn: string, list: unknown) => {
        if (!Array.isArray(list)) return;
        for (const e of list as Exemption[]) {
            const content = canonical(e);
            if (seen.has(content)) continue;
            seen.add(content);
            out.push({ id: requestId(requestedBy, e), requestedBy, requesterUrn, exemption: e });
        }
    };
    for (const r of resources) {
        if (!r.custom && r.type !== STACK_TYPE && isMapping(r.outputs)) add(r.type, r.urn, r.outputs.policyExemptions);
    }
    const stack = resources.find((r) => r.type === STACK_TYPE);
    add(PROGRAM, stack?.urn ?? "", isMapping(outputs) ? outputs.policyExemptions : undefined);
    return out;
}

/** Every problem of the settings' `acceptedRequests`, each under its key. */
export function acceptanceProblems(rules: unknown, policies: readonly PolicyConfigKeys[]): string[] {
    if (rules === undefined) return [];
    if (!Array.isArray(rules)) return ["acceptedRequests must be a list of acceptances (each with `id`, or `component` and `policies`)"];
    const known = new Set(policies.map((p) => p.name));
    const problems: string[] = [];
    rules.forEach((r: unknown, i) => {
        const at = `acceptedRequests[${i}]`;
        if (!isMapping(r)) return void problems.push(`${at} must be a mapping with \`id\`, or \`component\` and \`policies\`, and \`acceptedBy\``);
        const allowed = ["id", "component", "policies", "namespaces", "acceptedBy", "expires"];
        for (const key of Object.keys(r)) if (!allowed.includes(key)) problems.push(`${at} has an unknown key "${key}" (known: ${allowed.join(", ")})`);
        if (typeof r.acceptedBy !== "string" || r.acceptedBy.trim() === "") problems.push(`${at}.acceptedBy is required: who reviewed and accepted it`);
        if (r.expires !== undefined && !(typeof r.expires === "string" && /^\d{4}-\d{2}-\d{2}$/.test(r.expires) && !Number.isNaN(Date.parse(r.expires)))) {
            problems.push(`${at}.expires must be a date (YYYY-MM-DD), not ${JSON.stringify(r.expires)}`);
        }
        if (r.id !== undefined) {
            if (typeof r.id !== "string" || !/^exr-[0-9a-f]{12}$/.test(r.id)) problems.push(`${at}.id must be a request id as the preview lists it (exr-<12 hex digits>)`);
            if (r.component !== undefined || r.policies !== undefined || r.namespaces !== undefined) {
                problems.push(`${at} accepts by \`id\`: leave out component, policies and namespaces (the id fixes them)`);
            }
            return;
        }
        if (typeof r.component !== "string" || !/^[\w.-]+:[\w./-]+:[\w.-]+$/.test(r.component)) {
            problems.push(`${at} needs \`id\` (one request) or \`component\` (a type token such as bulwark:kubernetes:MonitoringStack)`);
        } else if (r.component === STACK_TYPE || r.component === PROGRAM) {
            problems.push(`${at}.component cannot be the program itself: accept its requests one by one, by \`id\``);
        }
        if (!isNames(r.policies) || r.policies.length === 0) problems.push(`${at}.policies must list the policies the component may lift`);
        else for (const p of r.policies) if (!known.has(p)) problems.push(`${at}.policies names an unknown policy "${p}"`);
        if (r.namespaces !== undefined && !(isNames(r.namespaces) && r.namespaces.length > 0 && r.namespaces.every((n) => n !== "" && !n.includes("*")))) {
            problems.push(`${at}.namespaces must list namespaces by their exact names`);
        }
    });
    return problems;
}

function ruleCovers(rule: AcceptanceRule, req: ExemptionRequest): string | true {
    if (rule.id !== undefined) return rule.id === req.id ? true : "other id";
    if (rule.component !== req.requestedBy) return "other component";
    const policies = isNames(req.exemption.policies) ? req.exemption.policies : [];
    const outside = policies.filter((p) => !rule.policies?.includes(p));
    if (outside.length > 0) return `the acceptance of ${rule.component} does not include ${outside.join(", ")}`;
    if (rule.namespaces) {
        const ns = isNames(req.exemption.namespaces) ? req.exemption.namespaces : [];
        const beyond = ns.filter((n) => !rule.namespaces!.includes(n));
        if (ns.length === 0 || req.exemption.clusterWide === true) return `the acceptance of ${rule.component} is limited to namespaces ${rule.namespaces.join(", ")}`;
        if (beyond.length > 0) return `the acceptance of ${rule.component} does not include namespaces ${beyond.join(", ")}`;
    }
    return true;
}

function earlier(a: string | undefined, b: string | undefined): string | undefined {
    return a === undefined ? b : b === undefined ? a : a < b ? a : b;
}

export interface DecideOptions {
    readonly policies: readonly PolicyConfigKeys[];
    readonly today?: Date;
}

/** Decides each request against the settings' `acceptedRequests` (already checked by `acceptanceProblems`). */
export function decideExemptionRequests(
    requests: readonly ExemptionRequest[],
    settings: PackSettings,
    options: DecideOptions,
): { statuses: ExemptionRequestStatus[]; accepted: Exemption[] } {
    const today = options.today ?? new Date();
    const maxDays = typeof settings.exemptionMaxDays === "number" ? settings.exemptionMaxDays : DEFAULT_EXEMPTION_MAX_DAYS;
    const byName = new Map(options.policies.map((p) => [p.name, p]));
    const enforcement = (isMapping(settings.enforcement) ? settings.enforcement : {}) as Record<string, string>;
    const rules = (Array.isArray(settings.acceptedRequests) ? settings.acceptedRequests : []) as AcceptanceRule[];
    const statuses: ExemptionRequestStatus[] = [];
    const accepted: Exemption[] = [];

    for (const req of requests) {
        const e = isMapping(req.exemption) ? req.exemption : ({} as Exemption);
        const policies = isNames(e.policies) ? e.policies : [];
        const needsExpiry = policies.some((name) => {
            const p = byName.get(name);
            const level = enforcement[name] ?? enforcement.all ?? p?.enforcementLevel;
            return level === "mandatory" && (p?.severity === "high" || p?.severity === "critical");
        });
        const base = {
            id: req.id,
            requestedBy: req.requestedBy,
            requesterUrn: req.requesterUrn,
            policies,
            scope: {
                ...(isNames(e.namespaces) ? { namespaces: e.namespaces } : {}),
                ...(isNames(e.resources) ? { resources: e.resources } : {}),
                ...(e.clusterWide === true ? { clusterWide: true } : {}),
            },
            justification: typeof e.justification === "string" ? e.justification : "",
        };
        const refuse = (why: string, acceptable: boolean) =>
            statuses.push({ ...base, ...(typeof e.expires === "string" ? { expires: e.expires } : {}), accepted: false, why, ...(acceptable ? { howToAccept: howToAccept(req, needsExpiry, maxDays, today) } : {}) });

        // What the request itself gets wrong cannot be fixed by accepting it: the requester must narrow it.
        const unknownPolicy = policies.find((p) => !byName.has(p));
        const own =
            !isMapping(req.exemption) ? "it is not a mapping with policies, a scope and a justification"
            : JSON.stringify(e).includes(UNKNOWN) ? "part of it is not known until the update (build it from values known at preview)"
            : policies.length === 0 ? "it names no policies (set `policies`)"
            : unknownPolicy !== undefined ? `it names an unknown policy "${unknownPolicy}"`
            : exemptionProblem({ ...e, expires: undefined }, { today, maxDays });
        if (own) {
            refuse(`it cannot be accepted: ${own}; the ${req.requestedBy === PROGRAM ? "program" : `component ${req.requestedBy}`} must narrow it`, false);
            continue;
        }
        const misses: string[] = [];
        const rule = rules.find((r) => {
            const covered = ruleCovers(r, req);
            if (covered !== true && !covered.startsWith("other")) misses.push(covered);
            return covered === true;
        });
        if (!rule) {
            refuse(`no entry of acceptedRequests in the stack's policy settings accepts it${misses.length ? ` (${misses.join("; ")})` : ""}`, true);
            continue;
        }
        const effective: Exemption = { ...e, expires: earlier(e.expires, rule.expires), id: req.id, requestedBy: req.requestedBy, acceptedBy: rule.acceptedBy };
        if (effective.expires === undefined) delete (effective as { expires?: string }).expires;
        const problem = exemptionProblem(effective, { today, maxDays, requiresExpiry: needsExpiry });
        if (problem) {
            refuse(`it was accepted by ${rule.acceptedBy}, but does not apply: ${problem}${rule.expires === undefined ? " (the acceptance can set `expires`)" : ""}`, true);
            continue;
        }
        accepted.push(effective);
        statuses.push({ ...base, ...(effective.expires ? { expires: effective.expires } : {}), accepted: true, acceptedBy: rule.acceptedBy });
    }
    return { statuses, accepted };
}

function howToAccept(req: ExemptionRequest, needsExpiry: boolean, maxDays: number, today: Date): string {
    // The latest date allowed is offered; the reviewer shortens it to what the risk deserves.
    const entry: Record<string, unknown> = { id: req.id, acceptedBy: "<who reviewed it>" };
    if (needsExpiry) entry.expires = new Date(today.getTime() + maxDays * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    return yaml.dump({ acceptedRequests: [entry] }, { lineWidth: 120 }).trimEnd();
}

/** The decision in one line per request, for the text output. */
export function formatExemptionRequests(statuses: readonly ExemptionRequestStatus[]): string[] {
    if (statuses.length === 0) return [];
    const out = [`Exemption requests (${statuses.filter((s) => s.accepted).length} accepted, ${statuses.filter((s) => !s.accepted).length} not accepted):`];
    for (const s of statuses) {
        const scope = [
            s.scope.namespaces ? `namespaces ${s.scope.namespaces.join(", ")}` : "",
            s.scope.resources ? `resources ${s.scope.resources.join(", ")}` : "",
            s.scope.clusterWide ? "cluster-wide" : "",
        ].filter(Boolean).join("; ");
        const state = s.accepted ? `accepted by ${s.acceptedBy}${s.expires ? `, until ${s.expires}` : ""}` : "NOT ACCEPTED";
        out.push(`    - ${s.id} from ${s.requestedBy}: ${state}`);
        out.push(`      lifts ${s.policies.join(", ") || "(no policy)"}${scope ? ` for ${scope}` : ""}`);
        if (s.why) out.push(`      why: ${s.why}`);
        if (s.howToAccept) out.push("      to accept it, add to the stack's policy settings:", ...s.howToAccept.split("\n").map((l) => `        ${l}`));
    }
    return out;
}
