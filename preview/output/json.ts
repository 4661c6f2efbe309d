/**
 * The machine-readable result of a gate run (`--json`): one stable shape for CI, independent of the
 * text layout. Every violation carries the controls its policy implements, as the pack declared them.
 */
import type { IncompleteResource, OfflinePreviewReport, PackResult, PreviewTimings } from "../offline-preview";
import type { ExemptionRequestStatus } from "../exemption-requests";
import type { Diagnostic } from "../types";

export interface JsonViolation {
    readonly pack: string;
    readonly policy: string;
    readonly level: string;
    readonly severity: string | null;
    /** The resource the violation is about; null for a stack-wide finding. */
    readonly urn: string | null;
    readonly message: string;
    /** Control IDs the policy implements, e.g. "cis-eks-1.8:5.4.2" (its tags over the Analyzer protocol). */
    readonly controls: string[];
}

export interface JsonSummary {
    readonly resources: number;
    readonly mandatory: number;
    /** Advisory findings, exempted ones not included. */
    readonly advisory: number;
    readonly exempted: number;
    readonly incomplete: number;
}

export interface JsonReport {
    readonly stack: string;
    readonly project: string;
    readonly packs: { name: string; version: string }[];
    readonly resources: { urn: string; type: string; name: string; parent: string | null }[];
    readonly violations: JsonViolation[];
    readonly incomplete: IncompleteResource[];
    /** Exemptions the program and its components asked for, and whether the stack's settings accepted each. */
    readonly exemptionRequests: ExemptionRequestStatus[];
    readonly summary: JsonSummary;
    /** Wall times of the preview's phases in ms (they overlap: packs boot while the program runs). */
    readonly timings?: PreviewTimings;
}

/** An advisory finding that an exemption turned down from the policy's own level. */
export function isExempted(d: Diagnostic): boolean {
    return d.enforcementLevel === "advisory" && d.message.includes("[exempted");
}

/** The controls of a policy as its pack reports them: its tags, else its framework reference. */
export function controlsOf(pack: PackResult, policyName: string): string[] {
    const policy = pack.policies.find((p) => p.name === policyName);
    if (!policy) return [];
    if (policy.tags.length > 0) return [...policy.tags];
    const fw = policy.framework;
    return fw?.name ? fw.reference.split(",").map((id) => `${fw.name}:${id.trim()}`).filter((t) => !t.endsWith(":")) : [];
}

export function summarize(report: OfflinePreviewReport): JsonSummary {
    const all = report.packs.flatMap((p) => p.diagnostics);
    return {
        resources: report.resources.length,
        mandatory: all.filter((d) => d.enforcementLevel === "mandatory").length,
        advisory: all.filter((d) => d.enforcementLevel === "advisory" && !isExempted(d)).length,
        exempted: all.filter(isExempted).length,
        incomplete: report.incomplete.length,
    };
}

export function toJsonReport(report: OfflinePreviewReport): JsonReport {
    return {
        stack: report.stack,
        project: report.project,
        packs: report.packs.map((p) => ({ name: p.name, version: p.version })),
        resources: report.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, parent: r.parent ?? null })),
        violations: report.packs.flatMap((pack) =>
            pack.diagnostics.map((d) => ({
                pack: pack.name,
                policy: d.policyName,
                level: d.enforcementLevel,
                severity: d.severity ?? null,
                urn: d.urn ?? null,
                message: d.message,
                controls: controlsOf(pack, d.policyName),
            })),
        ),
        incomplete: report.incomplete.map(({ urn, type, reason }) => ({ urn, type, reason })),
        exemptionRequests: report.exemptionRequests ?? [],
        summary: summarize(report),
        ...(report.timings ? { timings: report.timings } : {}),
    };
}
