/** The gate's report for people: the resource tree as `pulumi preview` shows it, then each pack's findings. */
import * as path from "path";
import { formatExemptionRequests } from "../exemption-requests";
import type { OfflinePreviewReport } from "../offline-preview";
import type { Diagnostic, RecordedResource } from "../types";
import { summarize } from "./json";

function urnParts(urn: string | undefined): { type: string; name: string } {
    if (!urn) return { type: "stack", name: "" };
    const parts = urn.split("::");
    return { type: (parts[2] ?? "").split("$").pop() ?? "", name: parts[3] ?? "" };
}

function formatDiagnostic(d: Diagnostic): string {
    const where = d.urn ? (({ type, name }) => ` (${type}: ${name})`)(urnParts(d.urn)) : "";
    const lines = d.message.split("\n");
    const detail = lines.length > 1 && lines[0] === d.description ? lines.slice(1) : lines;
    return [`    - [${d.enforcementLevel}] [severity: ${d.severity ?? "n/a"}]  ${d.policyName}${where}`, ...detail.map((l) => `      ${l}`)].join("\n");
}

/** Each resource under its parent, siblings in registration order, as `pulumi preview` shows them. */
function tree(resources: readonly RecordedResource[]): string[] {
    const children = new Map<string | undefined, RecordedResource[]>();
    for (const r of resources) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
    const rows: { depth: number; r: RecordedResource }[] = [];
    const walk = (parent: string | undefined, depth: number) => {
        for (const r of children.get(parent) ?? []) {
            rows.push({ depth, r });
            walk(r.urn, depth + 1);
        }
    };
    walk(undefined, 0);
    // A parent the graph does not hold (none in a whole program) must not hide its children.
    const shown = new Set(rows.map((x) => x.r.urn));
    for (const r of resources) if (!shown.has(r.urn)) rows.push({ depth: 0, r });
    const width = Math.max(0, ...rows.map(({ depth, r }) => 2 * depth + r.type.length)) + 2;
    return [`     ${"Type".padEnd(width)}Name`, ...rows.map(({ depth, r }) => ` +   ${`${"  ".repeat(depth)}${r.type}`.padEnd(width)}${r.name}`)];
}

export function formatReport(report: OfflinePreviewReport, allowIncomplete = false): string {
    const out: string[] = [];
    const custom = report.resources.filter((r) => r.custom && !r.isProvider);
    out.push(`Previewing stack '${report.stack}' offline (mocked providers; outputs computed by the cloud are unknown)`, "");
    out.push(...tree(report.resources), "");
    out.push("Policies:");
    // A pack without mandatory findings is "ok" only when it saw every resource.
    const unchecked = report.incomplete.length > 0 ? "INCOMPLETE" : "ok";
    for (const pack of report.packs) {
        const blocking = pack.diagnostics.filter((d) => d.enforcementLevel === "mandatory");
        out.push(`    ${blocking.length > 0 ? "FAIL" : unchecked} ${pack.name}@v${pack.version} (local: ${path.relative(process.cwd(), pack.dir) || "."})`);
        for (const d of [...blocking, ...pack.diagnostics.filter((x) => x.enforcementLevel !== "mandatory")]) out.push(formatDiagnostic(d));
    }
    out.push("");
    if (report.incomplete.length > 0) {
        out.push(`Not analyzed (${report.incomplete.length}): what these create was not seen by any policy`);
        for (const r of report.incomplete) out.push(`    - ${r.type} (${urnParts(r.urn).name})`, `      ${r.reason}`);
        out.push("");
    }
    const requests = formatExemptionRequests(report.exemptionRequests ?? []);
    if (requests.length > 0) out.push(...requests, "");
    const s = summarize(report);
    out.push(`Resources: ${custom.length} to create (${report.resources.length} in the graph, components and providers included)`);
    out.push(`Policy results: ${s.mandatory} mandatory, ${s.advisory} advisory, ${s.exempted} exempted; ${s.incomplete} not analyzed`);
    if (s.mandatory > 0) out.push("error: preview failed: mandatory policy violations (see above)");
    else if (s.incomplete > 0 && !allowIncomplete) {
        out.push(`error: preview incomplete: ${s.incomplete} resource(s) could not be analyzed offline (see above); --allow-incomplete accepts that`);
    } else if (s.incomplete > 0) out.push(`warning: ${s.incomplete} resource(s) not analyzed, accepted by --allow-incomplete`);
    return out.join("\n");
}
