/**
 * The compliance report: `writeComplianceReport` turns an offline preview and the packs' analyzer
 * info into an HTML page and a Markdown file; `runReportCommand` does the whole `bulwark report`.
 */
import * as fs from "fs";
import * as path from "path";
import { COMPONENT_DEFAULTS, type ComponentDefault } from "../../components/controls";
import { type AnalyzerInfo, startPolicyPack } from "../analyzer-client";
import { type OfflinePreviewOptions, type OfflinePreviewReport, runOfflinePreview } from "../offline-preview";
import { type Catalog, loadCatalog } from "./catalog";
import { bundledCatalog } from "./catalog-snapshot";
import { reportHtml } from "./html";
import { reportMarkdown } from "./markdown";
import { type ComplianceReport, buildComplianceReport } from "./model";
import { NOT_AUTOMATABLE } from "./not-automatable";

export { type ComplianceReport, buildComplianceReport } from "./model";
export { reportHtml } from "./html";
export { reportMarkdown } from "./markdown";

export interface WriteReportOptions {
    /** The report's path: `<out>.html` and `<out>.md` (an `.html` or `.md` extension is replaced). */
    readonly out: string;
    /** A control catalog folder (like `../shared/controls`); default: the catalog bundled with Bulwark. */
    readonly catalogDir?: string;
    /** The catalog itself, already read (wins over `catalogDir`). */
    readonly catalog?: Catalog;
    /** The report's date, for exemptions' days left. Default: now. */
    readonly now?: Date;
    /** Component defaults to credit in the matrix. Default: Bulwark's components. */
    readonly components?: readonly ComponentDefault[];
}

export interface WrittenReport {
    readonly html: string;
    readonly markdown: string;
    readonly report: ComplianceReport;
}

/** `<out>.html` and `<out>.md` for a given `--report` path. */
export function reportPaths(out: string): { html: string; markdown: string } {
    const base = out.replace(/\.(html?|md)$/i, "");
    return { html: `${base}.html`, markdown: `${base}.md` };
}

/** The catalog the report checks against: the folder given, else the one bundled with Bulwark. */
export function reportCatalog(dir: string | undefined): Catalog {
    return dir ? loadCatalog(path.resolve(dir)) : bundledCatalog();
}

/** Writes a file whole or not at all: a reader never sees half a report. */
function writeWhole(file: string, content: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
}

/** Builds the report from a finished preview and the packs' GetAnalyzerInfo, and writes both files. */
export function writeComplianceReport(preview: OfflinePreviewReport, infos: readonly AnalyzerInfo[], options: WriteReportOptions): WrittenReport {
    const report = buildComplianceReport(preview, infos, {
        catalog: options.catalog ?? reportCatalog(options.catalogDir),
        components: options.components ?? COMPONENT_DEFAULTS,
        notAutomatable: NOT_AUTOMATABLE,
        now: options.now,
    });
    const files = reportPaths(path.resolve(options.out));
    writeWhole(files.html, reportHtml(report));
    writeWhole(files.markdown, reportMarkdown(report));
    return { ...files, report };
}

/** Each pack's GetAnalyzerInfo (names, severities, control tags), booting each pack as the engine does. */
export async function readPackInfos(packDirs: readonly string[]): Promise<AnalyzerInfo[]> {
    return Promise.all(
        packDirs.map(async (dir) => {
            const pack = await startPolicyPack(dir);
            try {
                return await pack.info();
            } finally {
                await pack.close();
            }
        }),
    );
}

/** The packs' GetAnalyzerInfo as the preview already read it when it booted them: no second boot. */
export function packInfosOf(preview: OfflinePreviewReport): AnalyzerInfo[] {
    return preview.packs.map((p) => ({ name: p.name, version: p.version, supportsConfig: true, policies: [...p.policies] }));
}

export interface ReportCommandOptions extends OfflinePreviewOptions, Omit<WriteReportOptions, "components"> {}

/** `bulwark report`: previews the stack offline with the packs, then writes the report. */
export async function runReportCommand(options: ReportCommandOptions): Promise<WrittenReport> {
    // A bad catalog fails before the preview runs, not after.
    const catalog = reportCatalog(options.catalogDir);
    const preview = await runOfflinePreview(options);
    return writeComplianceReport(preview, packInfosOf(preview), { ...options, catalog });
}

/** One line for the terminal: the verdict, the counts, and where the files are. */
export function reportSummaryLine(written: WrittenReport): string {
    const r = written.report;
    const rel = (f: string) => path.relative(process.cwd(), f) || f;
    return (
        `compliance report (${r.verdict.toUpperCase()}: ${r.counts.violation} mandatory, ${r.counts.advisory} advisory, ` +
        `${r.counts.exempted} exempted, ${r.counts.deferred} deferred, ${r.incomplete.length} incomplete): ` +
        `wrote ${rel(written.html)} and ${rel(written.markdown)}`
    );
}
