/**
 * `npm run preview -- [--stack dev] [--project <dir>] [--pack <dir>]... [--json]`: the offline preview of a stack with
 * the policy packs enforced; exits 1 when a mandatory policy is violated, as `pulumi preview` does.
 * `npm run policy-config -- [--stack dev] [--out .bulwark/policy-config]`: writes each pack's
 * `--policy-pack-config` file for the stack, for use with the Pulumi CLI.
 */
import * as path from "path";
import { parseArgs } from "util";
import { formatExemptionRequests } from "./exemption-requests";
import { type OfflinePreviewReport, runOfflinePreview } from "./offline-preview";
import { writePolicyConfigs } from "./policy-config-files";
import type { Diagnostic } from "./types";

const DEFAULT_PACKS = ["policy-packs/kubernetes", "policy-packs/aws"];
const ROOT = path.resolve(__dirname, "..");

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

export function formatReport(report: OfflinePreviewReport): string {
    const out: string[] = [];
    const custom = report.resources.filter((r) => r.custom && !r.isProvider);
    out.push(`Previewing stack '${report.stack}' offline (mocked providers; outputs computed by the cloud are unknown)`);
    out.push("");
    // As `pulumi preview` shows it: each resource under its parent, siblings in registration order.
    const children = new Map<string | undefined, typeof report.resources[number][]>();
    for (const r of report.resources) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
    const rows: { depth: number; r: (typeof report.resources)[number] }[] = [];
    const walk = (parent: string | undefined, depth: number) => {
        for (const r of children.get(parent) ?? []) {
            rows.push({ depth, r });
            walk(r.urn, depth + 1);
        }
    };
    walk(undefined, 0);
    // A parent the graph does not hold (none in a whole program) must not hide its children.
    const shown = new Set(rows.map((x) => x.r.urn));
    for (const r of report.resources) if (!shown.has(r.urn)) rows.push({ depth: 0, r });
    const width = Math.max(...rows.map(({ depth, r }) => 2 * depth + r.type.length)) + 2;
    out.push(`     ${"Type".padEnd(width)}Name`);
    for (const { depth, r } of rows) out.push(` +   ${`${"  ".repeat(depth)}${r.type}`.padEnd(width)}${r.name}`);
    out.push("");
    out.push("Policies:");
    for (const pack of report.packs) {
        const blocking = pack.diagnostics.filter((d) => d.enforcementLevel === "mandatory");
        out.push(`    ${blocking.length > 0 ? "FAIL" : "ok  "} ${pack.name}@v${pack.version} (local: ${path.relative(process.cwd(), pack.dir) || "."})`);
        for (const d of [...blocking, ...pack.diagnostics.filter((x) => x.enforcementLevel !== "mandatory")]) out.push(formatDiagnostic(d));
    }
    out.push("");
    const advisory = report.packs.flatMap((p) => p.diagnostics).filter((d) => d.enforcementLevel === "advisory");
    const exempted = advisory.filter((d) => d.message.includes("[exempted"));
    const requests = formatExemptionRequests(report.exemptionRequests ?? []);
    if (requests.length > 0) out.push(...requests, "");
    out.push(`Resources: ${custom.length} to create (${report.resources.length} in the graph, components and providers included)`);
    out.push(`Policy results: ${report.mandatory.length} mandatory, ${advisory.length - exempted.length} advisory, ${exempted.length} exempted`);
    if (report.mandatory.length > 0) out.push("error: preview failed: mandatory policy violations (see above)");
    return out.join("\n");
}

async function main(argv: string[]): Promise<number> {
    const [command = "preview", ...rest] = argv[0]?.startsWith("-") ? ["preview", ...argv] : argv;
    const { values } = parseArgs({
        args: rest,
        options: {
            stack: { type: "string", default: "dev" },
            project: { type: "string", default: ROOT },
            pack: { type: "string", multiple: true },
            json: { type: "boolean", default: false },
            out: { type: "string", default: ".bulwark/policy-config" },
            help: { type: "boolean", default: false },
        },
        strict: true,
    });
    if (values.help || !["preview", "policy-config"].includes(command)) {
        console.log("usage: bulwark preview [--stack dev] [--project <dir>] [--pack <dir>]... [--json]\n       bulwark policy-config [--stack dev] [--project <dir>] [--out <dir>]");
        return values.help ? 0 : 2;
    }
    // Packs given on the command line are relative to where it runs; the defaults ship with Bulwark.
    const packs = values.pack?.length ? values.pack.map((p) => path.resolve(p)) : DEFAULT_PACKS.map((p) => path.join(ROOT, p));
    const options = { projectDir: path.resolve(values.project!), stack: values.stack!, packs };
    if (command === "policy-config") {
        const written = await writePolicyConfigs(options, path.resolve(values.out!));
        for (const file of written.files) console.log(`wrote ${path.relative(process.cwd(), file)}`);
        const lines = formatExemptionRequests(written.exemptionRequests);
        if (lines.length > 0) console.log(["", ...lines, "Only accepted requests are in the files."].join("\n"));
        return 0;
    }
    const report = await runOfflinePreview(options);
    if (values.json) {
        console.log(
            JSON.stringify(
                {
                    stack: report.stack,
                    resources: report.resources.length,
                    packs: report.packs,
                    mandatory: report.mandatory.length,
                    exemptionRequests: report.exemptionRequests,
                },
                null,
                2,
            ),
        );
    } else {
        console.log(formatReport(report));
    }
    return report.mandatory.length > 0 ? 1 : 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (e: Error) => {
            console.error(`error: ${e.message}`);
            process.exit(2);
        },
    );
}
