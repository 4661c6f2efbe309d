/** The coverage matrix and the compliance report as Markdown (GitHub-flavoured tables). */
import type { ComponentDefault } from "../../components/controls";
import { type Coverage, type CoverageRow, coverageCounts } from "./coverage";
import { type ComplianceReport, type Finding, SEVERITIES, controlResult } from "./model";

/** A table cell: pipes escaped, lines joined, so a message never breaks the table. */
export function cell(s: string): string {
    return s.replace(/</g, "&lt;").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
    return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)];
}

export const STATUS_LABEL: Record<CoverageRow["status"], string> = {
    policy: "policy",
    component: "component default",
    "not-automatable": "not automatable",
    gap: "**gap**",
};

function componentLabel(c: ComponentDefault): string {
    const name = `\`${c.component.split(":").pop()}\``;
    return c.arg.startsWith("(") ? `${name} ${c.arg}` : `${name} \`${c.arg}\``;
}

/** "Implemented by" for one row; reasons become numbered notes so a repeated reason is written once. */
function implementedBy(row: CoverageRow, notes: string[]): string {
    const parts = [...row.policies.map((p) => `\`${p.policy}\``), ...row.components.map(componentLabel)];
    if (parts.length) return parts.join(", ");
    if (row.reason) {
        let n = notes.indexOf(row.reason);
        if (n < 0) n = notes.push(row.reason) - 1;
        return `see note ${n + 1}`;
    }
    return "nothing yet";
}

/** The matrix: a counts table, then one table per framework, each with its notes. */
export function coverageMarkdown(coverage: Coverage, options: { collapsible?: boolean; result?: (row: CoverageRow) => string } = {}): string {
    const out: string[] = [];
    out.push(
        ...table(
            ["framework", "controls", "by policy", "by component default", "not automatable", "gaps"],
            coverageCounts(coverage).map(({ framework, counts, total }) => [
                framework.title,
                String(total),
                String(counts.policy),
                String(counts.component),
                String(counts["not-automatable"]),
                String(counts.gap),
            ]),
        ),
    );
    for (const { catalog, rows } of coverage.frameworks) {
        const notes: string[] = [];
        const head = ["control", "title", "status", "implemented by", ...(options.result ? ["this stack"] : [])];
        const body = rows.map((row) => [
            row.control.id,
            cell(row.control.title),
            STATUS_LABEL[row.status],
            implementedBy(row, notes),
            ...(options.result ? [options.result(row)] : []),
        ]);
        out.push("");
        if (options.collapsible) out.push(`<details><summary>${catalog.title}</summary>`, "");
        else out.push(`### ${catalog.title}`, "");
        out.push(...table(head, body));
        if (notes.length) {
            out.push("");
            notes.forEach((n, i) => out.push(`${i + 1}. Not automatable: ${cell(n)}`));
        }
        if (options.collapsible) out.push("", "</details>");
    }
    return out.join("\n");
}

function where(f: { urn: string; resourceType: string; resourceName: string }): string {
    return f.urn ? `\`${f.resourceType}\` **${cell(f.resourceName)}**` : "the whole stack";
}

const KIND_LABEL: Record<Finding["kind"], string> = { violation: "VIOLATION", advisory: "advisory", exempted: "exempted", deferred: "deferred" };

function verdictLine(r: ComplianceReport): string {
    if (r.verdict === "fail") return `**FAIL**: ${r.counts.violation} mandatory violation${r.counts.violation === 1 ? "" : "s"} would stop \`pulumi preview\`.`;
    if (r.verdict === "incomplete") return `**INCOMPLETE**: no mandatory violation in what was analyzed, but ${r.incomplete.length} resource(s) could not be analyzed offline.`;
    return "**PASS**: no mandatory violation.";
}

export function reportMarkdown(r: ComplianceReport): string {
    const out: string[] = [];
    out.push(`# Compliance report: ${r.project} / ${r.stack}`, "");
    out.push(`${r.date} · offline preview with ${r.packs.map((p) => `${p.name}@${p.version}`).join(", ")}`, "");
    out.push(verdictLine(r), "");
    out.push("## Summary", "");
    out.push(
        ...table(
            ["resources analyzed", "mandatory violations", "advisory", "exempted", "deferred to `pulumi up`", "not analyzed (incomplete)"],
            [[`${r.resources.toCreate} (${r.resources.inGraph} in the graph)`, String(r.counts.violation), String(r.counts.advisory), String(r.counts.exempted), String(r.counts.deferred), String(r.incomplete.length)]],
        ),
    );
    out.push("", "Policies with a mandatory violation / policies, by pack and severity:", "");
    out.push(
        ...table(
            ["pack", "verdict", ...SEVERITIES, "policies"],
            r.packs.map((p) => [
                `${p.name}@${p.version}`,
                p.verdict === "fail" ? "**FAIL**" : r.verdict === "incomplete" ? "pass (incomplete)" : "pass",
                ...SEVERITIES.map((s) => `${p.bySeverity[s].failed} / ${p.bySeverity[s].policies}`),
                String(p.policies),
            ]),
        ),
    );
    if (r.resourcesToFix.length) {
        out.push("", "## Resources with violations", "");
        out.push(...table(["resource", "type", "violations", "policies"], r.resourcesToFix.map((x) => [x.urn ? `**${cell(x.name)}**` : "the whole stack", `\`${x.type}\``, String(x.violations), x.policies.map((p) => `\`${p}\``).join(", ")])));
    }
    if (r.incomplete.length) {
        out.push("", "## Not analyzed", "", "These resources' children could not be expanded offline; a real `pulumi preview` analyzes them.", "");
        out.push(...table(["resource", "type", "why"], r.incomplete.map((i) => [cell(i.urn.split("::").pop() ?? i.urn), `\`${i.type}\``, cell(i.reason)])));
    }

    out.push("", "## Findings by control", "");
    const any = r.coverage.frameworks.some(({ catalog }) => r.byControl[catalog.key].length > 0);
    if (!any && r.unmapped.length === 0) out.push("No policy reported anything.");
    for (const { catalog } of r.coverage.frameworks) {
        const controls = r.byControl[catalog.key];
        if (!controls.length) continue;
        out.push(`### ${catalog.title}`, "");
        for (const { row, byResource } of controls) {
            out.push(`#### ${catalog.short} ${row.control.id}: ${cell(row.control.title)}`, "");
            for (const res of byResource) {
                out.push(`- ${where(res.findings[0])}`);
                for (const f of res.findings) {
                    const by = f.exemption === undefined ? "" : ` (exemption ${f.exemption + 1})`;
                    out.push(`  - ${KIND_LABEL[f.kind]}${by} · ${f.severity ?? "n/a"} · \`${f.policy}\`: ${cell(f.detail)}`);
                }
            }
            out.push("");
        }
    }
    if (r.unmapped.length) {
        out.push("### Policies that declare no catalog control", "");
        for (const f of r.unmapped) out.push(`- ${KIND_LABEL[f.kind]} · \`${f.policy}\` on ${where(f)}: ${cell(f.message)}`);
        out.push("");
    }

    if (r.howToFix.length) {
        out.push("## How to fix", "");
        for (const p of r.howToFix) {
            out.push(`### \`${p.policy}\` (${p.severity ?? "n/a"})`, "", `${p.description} On ${p.resources.map((x) => `**${cell(x)}**`).join(", ")}.`, "", p.remediation, "");
        }
    }
    out.push("## Exemptions", "");
    if (!r.exemptions.length) out.push("None configured.");
    else {
        out.push(
            ...table(
                ["#", "policies", "scope", "owner", "justification", "expires", "days left", "lifted here"],
                r.exemptions.map((e, i) => [
                    String(i + 1),
                    e.policies.map((p) => `\`${p}\``).join(", "),
                    cell(e.scope),
                    cell(e.owner ?? "not recorded") + (e.requestedBy ? ` (requested by ${cell(e.requestedBy)})` : ""),
                    cell(e.justification),
                    e.expires ?? "never",
                    e.daysLeft === undefined ? "no expiry" : e.daysLeft < 0 ? `**expired ${-e.daysLeft} days ago**` : String(e.daysLeft),
                    String(e.lifted),
                ]),
            ),
        );
    }
    out.push("", "## Coverage matrix", "");
    out.push(coverageMarkdown(r.coverage, { result: (row) => controlResult(r, row) }));
    out.push(
        "",
        "---",
        "",
        "Offline, values the cloud computes are unknown: a policy that needs one is *deferred* and decides at `pulumi up`. " +
            "A control implemented only by a component default is not checked at preview: the policies check what a program passes instead.",
        "",
    );
    return out.join("\n");
}
