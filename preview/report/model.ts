/**
 * The compliance report's content, computed once from an offline preview and the packs' own
 * description of their policies; the HTML and Markdown renderers only lay it out.
 */
import type { ControlMap } from "../../policy-packs/common/controls";
import type { AnalyzerInfo } from "../analyzer-client";
import type { IncompleteResource, OfflinePreviewReport } from "../offline-preview";
import type { Diagnostic } from "../types";
import type { Catalog, FrameworkKey } from "./catalog";
import { type Coverage, type CoverageRow, type PolicyMapping, buildCoverage, policyMappingsFromInfo } from "./coverage";
import type { ComponentDefault } from "../../components/controls";

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type SeverityName = (typeof SEVERITIES)[number];

/**
 * How a diagnostic counts. "deferred" is the engine's "can't run during preview": a value the cloud
 * computes was unknown, so the policy decides at `pulumi up`; it is neither a pass nor a violation.
 */
export type FindingKind = "violation" | "advisory" | "exempted" | "deferred";

export interface Finding {
    readonly kind: FindingKind;
    readonly pack: string;
    readonly policy: string;
    readonly severity?: string;
    readonly enforcementLevel: string;
    /** Empty for a finding about the stack as a whole. */
    readonly urn: string;
    readonly resourceType: string;
    readonly resourceName: string;
    readonly message: string;
    /** The message without the exemption's prefix, when the exemption is listed in `exemptions`. */
    readonly detail: string;
    readonly controls: ControlMap;
    /** Index into `exemptions` of the exemption that lifted it. */
    readonly exemption?: number;
}

export interface ExemptionRow {
    readonly policies: readonly string[];
    readonly scope: string;
    readonly justification: string;
    /** Who accepted the exemption (`acceptedBy`, else `owner`), when the settings record it. */
    readonly owner?: string;
    /** Who asked for it (`requestedBy`), when recorded. */
    readonly requestedBy?: string;
    readonly expires?: string;
    /** Whole days from the report's date to the last valid day; negative once expired. */
    readonly daysLeft?: number;
    /** Findings it turned into exempted advisories in this preview. */
    readonly lifted: number;
}

export interface PackSummary {
    readonly name: string;
    readonly version: string;
    readonly policies: number;
    readonly verdict: "pass" | "fail";
    readonly counts: Record<FindingKind, number>;
    /** Per severity: policies of the pack and how many of them have a violation. */
    readonly bySeverity: Record<SeverityName, { policies: number; failed: number }>;
}

export interface ControlFindings {
    readonly row: CoverageRow;
    /** Findings under the control, grouped by resource (URN, "" for the stack). */
    readonly byResource: readonly { readonly urn: string; readonly type: string; readonly name: string; readonly findings: readonly Finding[] }[];
}

export interface ComplianceReport {
    readonly project: string;
    readonly stack: string;
    /** UTC date the report describes (YYYY-MM-DD). */
    readonly date: string;
    /** "incomplete" when something was not analyzed and nothing failed: it is never reported as a pass. */
    readonly verdict: "pass" | "fail" | "incomplete";
    readonly resources: { readonly toCreate: number; readonly inGraph: number };
    readonly counts: Record<FindingKind, number>;
    readonly packs: readonly PackSummary[];
    readonly findings: readonly Finding[];
    /** Resources with a violation, most violations first: where to start fixing. */
    readonly resourcesToFix: readonly { readonly urn: string; readonly type: string; readonly name: string; readonly violations: number; readonly policies: readonly string[] }[];
    /** Each policy with a violation, once, with its remediation steps and where it failed. */
    readonly howToFix: readonly { readonly pack: string; readonly policy: string; readonly severity?: string; readonly description: string; readonly remediation: string; readonly resources: readonly string[] }[];
    readonly byControl: Readonly<Record<FrameworkKey, readonly ControlFindings[]>>;
    /** Findings of policies that declare no control of the catalogs. */
    readonly unmapped: readonly Finding[];
    readonly exemptions: readonly ExemptionRow[];
    readonly incomplete: readonly IncompleteResource[];
    readonly coverage: Coverage;
    /** Type tokens of the components the program uses, to tell a default in use from one that is not. */
    readonly componentTypes: readonly string[];
}

export interface BuildOptions {
    readonly catalog: Catalog;
    readonly components: readonly ComponentDefault[];
    readonly notAutomatable: Readonly<Partial<Record<FrameworkKey, Readonly<Record<string, string>>>>>;
    /** The report's date, for days left before expiry. Default: now. */
    readonly now?: Date;
}

const DEFERRED = /^can't run .* during preview/;
const MS_PER_DAY = 86_400_000;

function urnParts(urn: string): { type: string; name: string } {
    if (!urn) return { type: "stack", name: "(the whole stack)" };
    const parts = urn.split("::");
    return { type: (parts[2] ?? "").split("$").pop() ?? "", name: parts[3] ?? urn };
}

function kindOf(d: Diagnostic): FindingKind {
    if (DEFERRED.test(d.message)) return "deferred";
    if (d.message.startsWith("[exempted")) return "exempted";
    return d.enforcementLevel === "mandatory" ? "violation" : "advisory";
}

function text(v: unknown): string | undefined {
    return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

/** The exemptions each pack was configured with, once each, however many policies they lift. */
function configuredExemptions(preview: OfflinePreviewReport): Record<string, unknown>[] {
    const seen = new Map<string, Record<string, unknown>>();
    for (const pack of preview.packs) {
        for (const entry of Object.values(pack.config ?? {})) {
            const list = (entry as { exemptions?: unknown }).exemptions;
            if (!Array.isArray(list)) continue;
            for (const e of list) if (e && typeof e === "object") seen.set(JSON.stringify(e), e as Record<string, unknown>);
        }
    }
    return [...seen.values()];
}

function scopeOf(e: Record<string, unknown>): string {
    const list = (k: string) => (Array.isArray(e[k]) ? (e[k] as unknown[]).map(String) : []);
    const parts = [
        list("namespaces").length ? `namespaces ${list("namespaces").join(", ")}` : "",
        list("resources").length ? `resources ${list("resources").join(", ")}` : "",
    ].filter(Boolean);
    return parts.join("; ") || "(no scope: it applies to nothing)";
}

function daysLeft(expires: string | undefined, now: Date): number | undefined {
    if (!expires || !/^\d{4}-\d{2}-\d{2}$/.test(expires)) return undefined;
    const end = Date.parse(`${expires}T00:00:00Z`);
    if (Number.isNaN(end)) return undefined;
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    return Math.round((end - today) / MS_PER_DAY);
}

/** The prefix a policy puts on a violation an exemption lifts (policy-packs/common/policy.ts). */
function exemptedPrefix(e: Record<string, unknown>): string {
    // As policy-packs/common/policy.ts writes it: the expiry, the justification, then who accepted it.
    const until = typeof e.expires === "string" ? ` until ${e.expires}` : "";
    const accepted = typeof e.acceptedBy === "string" ? `; ${typeof e.id === "string" ? `request ${e.id}, ` : ""}accepted by ${e.acceptedBy}` : "";
    return `[exempted${until}: ${String(e.justification ?? "")}${accepted}]`;
}

function emptyCounts(): Record<FindingKind, number> {
    return { violation: 0, advisory: 0, exempted: 0, deferred: 0 };
}

export function buildComplianceReport(preview: OfflinePreviewReport, infos: readonly AnalyzerInfo[], options: BuildOptions): ComplianceReport {
    const now = options.now ?? new Date();
    const mappings = policyMappingsFromInfo(infos);
    const mappingOf = new Map<string, PolicyMapping>(mappings.map((m) => [`${m.pack}/${m.policy}`, m]));
    const coverage = buildCoverage(options.catalog, mappings, options.components, options.notAutomatable);

    const raw = configuredExemptions(preview);
    const prefixes = raw.map(exemptedPrefix);
    const findings: Finding[] = preview.packs.flatMap((pack) =>
        pack.diagnostics.map((d): Finding => {
            const kind = kindOf(d);
            const { type, name } = urnParts(d.urn ?? "");
            const packName = d.policyPackName || pack.name;
            const mapping = mappingOf.get(`${packName}/${d.policyName}`);
            const exemption = kind === "exempted" ? prefixes.findIndex((p) => d.message.startsWith(p)) : -1;
            return {
                kind,
                pack: packName,
                policy: d.policyName,
                severity: d.severity ?? mapping?.severity,
                enforcementLevel: d.enforcementLevel,
                urn: d.urn ?? "",
                resourceType: type,
                resourceName: name,
                message: d.message,
                detail: exemption >= 0 ? d.message.slice(prefixes[exemption].length).trim() : d.message,
                controls: mapping?.controls ?? {},
                exemption: exemption >= 0 ? exemption : undefined,
            };
        }),
    );

    const exemptions: ExemptionRow[] = raw.map((e, i) => ({
        policies: Array.isArray(e.policies) ? (e.policies as unknown[]).map(String) : [],
        scope: scopeOf(e),
        justification: text(e.justification) ?? "(none: the exemption does not apply)",
        owner: text(e.acceptedBy) ?? text(e.owner),
        requestedBy: text(e.requestedBy),
        expires: text(e.expires),
        daysLeft: daysLeft(text(e.expires), now),
        lifted: findings.filter((f) => f.exemption === i).length,
    }));

    const count = (list: readonly Finding[]) => {
        const c = emptyCounts();
        for (const f of list) c[f.kind]++;
        return c;
    };
    const packs: PackSummary[] = preview.packs.map((pack) => {
        const info = infos.find((i) => i.name === pack.name);
        const mine = findings.filter((f) => f.pack === pack.name);
        const failedPolicies = new Set(mine.filter((f) => f.kind === "violation").map((f) => f.policy));
        const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, { policies: 0, failed: 0 }])) as PackSummary["bySeverity"];
        for (const p of info?.policies ?? []) {
            const s = bySeverity[p.severity as SeverityName];
            if (!s) continue;
            s.policies++;
            if (failedPolicies.has(p.name)) s.failed++;
        }
        const counts = count(mine);
        return { name: pack.name, version: pack.version, policies: info?.policies.length ?? 0, verdict: counts.violation > 0 ? "fail" : "pass", counts, bySeverity };
    });

    const byControl = {} as Record<FrameworkKey, ControlFindings[]>;
    for (const { catalog, rows } of coverage.frameworks) {
        byControl[catalog.key] = rows
            .map((row) => {
                const under = findings.filter((f) => f.controls[catalog.key]?.includes(row.control.id));
                const groups = new Map<string, Finding[]>();
                for (const f of under) groups.set(f.urn, [...(groups.get(f.urn) ?? []), f]);
                const byResource = [...groups].map(([urn, list]) => ({ urn, type: list[0].resourceType, name: list[0].resourceName, findings: list }));
                return { row, byResource };
            })
            .filter((c) => c.byResource.length > 0);
    }
    const toFix = new Map<string, Finding[]>();
    for (const f of findings.filter((x) => x.kind === "violation")) toFix.set(f.urn, [...(toFix.get(f.urn) ?? []), f]);
    const resourcesToFix = [...toFix]
        .map(([urn, list]) => ({ urn, type: list[0].resourceType, name: list[0].resourceName, violations: list.length, policies: [...new Set(list.map((f) => f.policy))] }))
        .sort((a, b) => b.violations - a.violations || a.name.localeCompare(b.name));
    const severityRank = (x?: string) => (SEVERITIES as readonly string[]).indexOf(x ?? "") + 1 || SEVERITIES.length + 1;
    const failed = new Map<string, Finding[]>();
    for (const f of findings.filter((x) => x.kind === "violation")) failed.set(`${f.pack}/${f.policy}`, [...(failed.get(`${f.pack}/${f.policy}`) ?? []), f]);
    const howToFix = [...failed.values()]
        .map((list) => {
            const { pack, policy, severity } = list[0];
            const info = infos.find((i) => i.name === pack)?.policies.find((p) => p.name === policy);
            return { pack, policy, severity, description: info?.description ?? "", remediation: info?.remediationSteps ?? "", resources: [...new Set(list.map((f) => f.resourceName))] };
        })
        .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.policy.localeCompare(b.policy));
    const mapped = (f: Finding) => Object.values(f.controls).some((ids) => (ids ?? []).length > 0);

    const counts = count(findings);
    const custom = preview.resources.filter((r) => r.custom && !r.isProvider).length;
    return {
        project: preview.project,
        stack: preview.stack,
        date: now.toISOString().slice(0, 10),
        verdict: counts.violation > 0 ? "fail" : preview.incomplete.length > 0 ? "incomplete" : "pass",
        resources: { toCreate: custom, inGraph: preview.resources.length },
        counts,
        packs,
        findings,
        resourcesToFix,
        howToFix,
        byControl,
        unmapped: findings.filter((f) => !mapped(f)),
        exemptions,
        incomplete: preview.incomplete,
        coverage,
        componentTypes: [...new Set(preview.resources.filter((x) => !x.custom).map((x) => x.type))],
    };
}

/** What the report says about one control in this preview. */
export function controlResult(report: ComplianceReport, row: CoverageRow): string {
    const found = report.byControl[row.framework].find((c) => c.row === row);
    const all = found?.byResource.flatMap((r) => r.findings) ?? [];
    const violations = all.filter((f) => f.kind === "violation").length;
    if (violations > 0) return `${violations} violation${violations === 1 ? "" : "s"}`;
    if (row.status === "component") {
        // A default is only as good as the component being used, with that argument left alone.
        const used = [...new Set(row.components.filter((c) => report.componentTypes.includes(c.component)).map((c) => c.component.split(":").pop()))];
        return used.length ? `${used.join(", ")} in use (default not verified at preview)` : "not implemented here (component not used)";
    }
    if (row.status !== "policy") return "not checked";
    const deferred = all.filter((f) => f.kind === "deferred").length;
    if (deferred > 0) return `${deferred} deferred to pulumi up`;
    const other = all.length;
    return other > 0 ? `no violation reported (${other} advisory or exempted)` : "no violation reported";
}
