import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { COMPONENT_DEFAULTS } from "../../components/controls";
import type { AnalyzerInfo } from "../../preview/analyzer-client";
import type { OfflinePreviewReport } from "../../preview/offline-preview";
import { buildComplianceReport, reportHtml, reportMarkdown, reportPaths, writeComplianceReport } from "../../preview/report";
import { loadCatalog } from "../../preview/report/catalog";
import { NOT_AUTOMATABLE } from "../../preview/report/not-automatable";
import { CATALOG_DIR, EXEMPTION_EXPIRES, NOW, OWN_PROGRAM, ROOT, insecureProject, previewOf, tempDir } from "./helpers";

/** Every asset reference a page could load from elsewhere: none is allowed. */
function externalReferences(html: string): string[] {
    return [...html.matchAll(/<(script|link|img|iframe|object|embed)\b[^>]*>|url\(|@import|\bsrc=/gi)].map((m) => m[0]);
}

describe("compliance report of the default stack", function () {
    this.timeout(180_000);

    it("writes a self-contained page and Markdown that agree with the preview", async () => {
        const { preview, infos } = await previewOf(ROOT, "dev");
        const out = path.join(tempDir("bulwark-report-"), "dev.html");
        const written = writeComplianceReport(preview, infos, { out, now: NOW });
        const r = written.report;
        assert.strictEqual(written.html, out);
        assert.strictEqual(written.markdown, out.replace(/\.html$/, ".md"));
        assert.strictEqual(r.counts.violation, preview.mandatory.length);
        assert.strictEqual(r.verdict, preview.mandatory.length ? "fail" : preview.incomplete.length ? "incomplete" : "pass");
        assert.strictEqual(r.resources.toCreate, preview.resources.filter((x) => x.custom && !x.isProvider).length);
        assert.deepStrictEqual(r.packs.map((p) => p.name), ["bulwark-kubernetes", "bulwark-aws"]);
        for (const p of r.packs) {
            const total = Object.values(p.bySeverity).reduce((n, s) => n + s.policies, 0);
            assert.strictEqual(total, p.policies, `${p.name}: every policy counted under one severity`);
        }
        // The monitoring agents' exemptions come from the components, once each.
        const agentExemption = r.exemptions.find((e) => e.policies.includes("namespaces-pod-security-restricted"));
        assert.ok(agentExemption, "the agents namespace's exemption is listed");
        assert.strictEqual(agentExemption.lifted, r.findings.filter((f) => f.kind === "exempted" && f.policy === "namespaces-pod-security-restricted").length);

        const html = fs.readFileSync(written.html, "utf8");
        assert.deepStrictEqual(externalReferences(html), []);
        for (const [, id] of html.matchAll(/<a [^>]*href="#([^"]+)"/g)) assert.ok(html.includes(`id="${id}"`), `the menu links to #${id}, which the page has`);
        assert.match(html, new RegExp(`data-metric="resources" data-value="${r.resources.toCreate}"`));
        for (const i of preview.incomplete) assert.ok(html.includes(`data-urn="${i.urn}"`), `incomplete ${i.urn} is listed`);
        const md = fs.readFileSync(written.markdown, "utf8");
        assert.match(md, /^# Compliance report: bulwark \/ dev$/m);
        // CIS 4.3.1 (a CNI with NetworkPolicy) is implemented only by HardenedCluster, which the dev stack
        // (the Kubernetes layer on any cluster) does not use.
        assert.match(md, /\| 4\.3\.1 \| Ensure CNI plugin supports network policies \| component default \| `HardenedCluster` \(always\) \| not implemented here \(component not used\) \|/);
        assert.match(md, /^## Coverage matrix$/m);
        assert.match(md, /\| 5\.4\.2 \| Ensure clusters are created with Private Endpoint Enabled and Public Access Disabled \| policy \| `eks-endpoint-private`/);
    });
});

describe("compliance report of an insecure program", function () {
    this.timeout(180_000);

    const shared = insecureProject();
    if (shared.dir !== OWN_PROGRAM) {
        it(`renders for the shared negative control (${path.relative(ROOT, shared.dir)}), every violation under each control its policy implements`, async () => {
            const { preview, infos } = await previewOf(shared.dir, shared.stack);
            const written = writeComplianceReport(preview, infos, { out: path.join(tempDir("bulwark-report-"), "shared"), now: NOW });
            const r = written.report;
            assert.strictEqual(r.verdict, "fail");
            assert.strictEqual(r.counts.violation, preview.mandatory.length);
            for (const f of r.findings.filter((x) => x.kind === "violation")) {
                for (const [key, ids] of Object.entries(f.controls) as [keyof typeof r.byControl, string[]][]) {
                    for (const id of ids) {
                        const under = r.byControl[key].find((c) => c.row.control.id === id);
                        assert.ok(under?.byResource.some((x) => x.urn === f.urn && x.findings.includes(f)), `${f.policy} on ${f.resourceName} is under ${key} ${id}`);
                    }
                }
            }
            assert.match(fs.readFileSync(written.html, "utf8"), /data-verdict="fail"/);
        });
    }

    it("fails, and puts each violation under its control and resource", async () => {
        const { preview, infos } = await previewOf(OWN_PROGRAM, "test");
        const written = writeComplianceReport(preview, infos, { out: path.join(tempDir("bulwark-report-"), "insecure"), now: NOW });
        const r = written.report;
        assert.strictEqual(r.verdict, "fail");
        assert.strictEqual(r.counts.violation, preview.mandatory.length);
        assert.ok(r.counts.violation >= 10, `${r.counts.violation} violations`);
        const failed = r.packs.find((p) => p.name === "bulwark-kubernetes")!;
        assert.strictEqual(failed.verdict, "fail");
        assert.ok(failed.bySeverity.critical.failed >= 1);

        // pss-baseline-privileged implements CIS EKS 4.2.1: its violation is listed there, on its resource.
        const privileged = r.findings.find((f) => f.policy === "pss-baseline-privileged" && f.kind === "violation");
        assert.ok(privileged, "a privileged container is flagged");
        const control = r.byControl.cisEks.find((c) => c.row.control.id === "4.2.1")!;
        const resource = control.byResource.find((x) => x.urn === privileged.urn)!;
        assert.ok(resource.findings.includes(privileged));
        const pss = r.byControl.pss.find((c) => c.row.control.id === "baseline/privileged")!;
        assert.ok(pss.byResource.some((x) => x.findings.includes(privileged)));

        // Where to start: the resources with violations, most first, counting every violation once.
        assert.strictEqual(r.resourcesToFix.reduce((n, x) => n + x.violations, 0), r.counts.violation);
        assert.ok(r.resourcesToFix.every((x, i, all) => i === 0 || all[i - 1].violations >= x.violations));
        assert.ok(r.resourcesToFix.some((x) => x.urn === privileged.urn && x.policies.includes("pss-baseline-privileged")));

        // How to fix: each failing policy once, most severe first, with the pack's own remediation steps.
        const fix = r.howToFix.find((p) => p.policy === "pss-baseline-privileged")!;
        const info = infos.find((i) => i.name === privileged.pack)!.policies.find((p) => p.name === "pss-baseline-privileged")!;
        assert.strictEqual(fix.remediation, info.remediationSteps);
        assert.ok(fix.resources.includes(privileged.resourceName));
        assert.strictEqual(r.howToFix.length, new Set(r.findings.filter((f) => f.kind === "violation").map((f) => `${f.pack}/${f.policy}`)).size);
        assert.strictEqual(r.howToFix[0].severity, "critical");

        const md = fs.readFileSync(written.markdown, "utf8");
        assert.match(md, /^#### CIS EKS 1\.8 4\.2\.1: Minimize the admission of privileged containers$/m);
        assert.match(md, /VIOLATION · critical · `pss-baseline-privileged`: spec\.containers\[0\]\.securityContext\.privileged must be false/);
        assert.match(md, /\*\*FAIL\*\*: \d+ mandatory violations would stop `pulumi preview`/);
        if (!r.componentTypes.includes("bulwark:aws:HardenedCluster")) {
            assert.match(md, /\| 4\.3\.1 \| [^|]+ \| component default \| [^|]+ \| not implemented here \(component not used\) \|/);
        }
    });

    it("shows the exemption it used with its justification, days left and the finding it lifted", async () => {
        const { preview, infos } = await previewOf(OWN_PROGRAM, "test");
        const r = buildComplianceReport(preview, infos, { catalog: loadCatalog(CATALOG_DIR), components: COMPONENT_DEFAULTS, notAutomatable: NOT_AUTOMATABLE, now: NOW });
        const e = r.exemptions.find((x) => x.policies.includes("services-allowed-types"))!;
        assert.strictEqual(e.expires, EXEMPTION_EXPIRES);
        assert.strictEqual(e.daysLeft, 61);
        assert.strictEqual(e.lifted, 1);
        assert.strictEqual(e.owner, undefined, "no owner recorded in these settings");
        const lifted = r.findings.find((f) => f.exemption === r.exemptions.indexOf(e))!;
        assert.strictEqual(lifted.kind, "exempted");
        assert.ok(!lifted.detail.startsWith("[exempted"), "the justification is shown once, in the exemptions table");
        assert.ok(r.findings.some((f) => f.kind === "advisory" && f.policy === "containers-resource-limits"));
    });
});

/** A preview and infos made by hand, for what a stack's settings cannot yet express. */
function synthetic(exemptions: Record<string, unknown>[], diagnostics: OfflinePreviewReport["packs"][number]["diagnostics"]): { preview: OfflinePreviewReport; infos: AnalyzerInfo[] } {
    const urn = "urn:pulumi:s::p::kubernetes:core/v1:Pod::web";
    const preview: OfflinePreviewReport = {
        stack: "s",
        project: "p",
        resources: [],
        outputs: {},
        packs: [{ dir: "/x", name: "pack", version: "1.0.0", config: { "pss-baseline-privileged": { exemptions } }, policies: [], diagnostics: diagnostics.map((d) => ({ urn, ...d })) }],
        mandatory: diagnostics.filter((d) => d.enforcementLevel === "mandatory"),
        incomplete: [],
        exemptionRequests: [],
    };
    const infos: AnalyzerInfo[] = [
        {
            name: "pack",
            version: "1.0.0",
            supportsConfig: true,
            policies: [
                { name: "pss-baseline-privileged", description: "d", enforcementLevel: "mandatory", severity: "critical", policyType: "resource", tags: ["cis-eks-1.8:4.2.1"], remediationSteps: "Set `privileged: <false>` on the container." },
            ],
        },
    ];
    return { preview, infos };
}

describe("compliance report content", () => {
    const options = { catalog: loadCatalog(CATALOG_DIR), components: COMPONENT_DEFAULTS, notAutomatable: NOT_AUTOMATABLE, now: NOW };

    it("shows who accepted an exemption when the settings record it, and counts days past expiry", () => {
        const { preview, infos } = synthetic(
            [
                { policies: ["pss-baseline-privileged"], resources: ["web"], justification: "j1", acceptedBy: "security@example.com", requestedBy: "team-web", expires: new Date(NOW.getTime() - 11 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10) },
                { policies: ["pss-baseline-privileged"], resources: ["web"], justification: "j2", owner: "platform-team" },
                { policies: ["pss-baseline-privileged"], resources: ["web"], justification: "j3" },
            ],
            [],
        );
        const r = buildComplianceReport(preview, infos, options);
        assert.deepStrictEqual(
            r.exemptions.map((e) => [e.owner, e.requestedBy, e.daysLeft]),
            [["security@example.com", "team-web", -11], ["platform-team", undefined, undefined], [undefined, undefined, undefined]],
        );
        const html = reportHtml(r);
        assert.match(html, /security@example\.com<br><small>requested by team-web<\/small>/);
        assert.match(html, /expired 11 days ago/);
        assert.match(reportMarkdown(r), /\*\*expired 11 days ago\*\*/);
    });

    it("never counts a check deferred to pulumi up as a pass or a violation", () => {
        const { preview, infos } = synthetic([], [
            { policyName: "pss-baseline-privileged", policyPackName: "pack", enforcementLevel: "advisory", message: "can't run policy 'pss-baseline-privileged' during preview: string value at .spec can't be known during preview" },
        ]);
        const r = buildComplianceReport(preview, infos, options);
        assert.strictEqual(r.verdict, "pass");
        assert.deepStrictEqual(r.counts, { violation: 0, advisory: 0, exempted: 0, deferred: 1 });
        const row = r.coverage.frameworks[0].rows.find((x) => x.control.id === "4.2.1")!;
        assert.match(reportMarkdown(r), /\| 4\.2\.1 \| Minimize the admission of privileged containers \| policy \| `pss-baseline-privileged`[^|]* \| 1 deferred to pulumi up \|/);
        assert.strictEqual(row.status, "policy");
    });

    it("escapes what policies and programs write, in both formats", () => {
        const { preview, infos } = synthetic([], [
            { policyName: "pss-baseline-privileged", policyPackName: "pack", enforcementLevel: "mandatory", severity: "critical", message: "image <script>alert(1)</script> | pipe\nsecond line" },
        ]);
        const r = buildComplianceReport(preview, infos, options);
        const html = reportHtml(r);
        assert.ok(!html.includes("<script>"));
        assert.ok(html.includes("image &lt;script&gt;alert(1)&lt;/script&gt; | pipe"));
        assert.ok(html.includes("Set <code>privileged: &lt;false&gt;</code> on the container."), "remediation's inline code is set as code, escaped");
        assert.match(reportMarkdown(r), /image &lt;script>alert\(1\)&lt;\/script> \\\| pipe<br>second line/);
    });

    it("writes <out>.html and <out>.md whatever extension --report is given", () => {
        assert.deepStrictEqual(reportPaths("a/b.html"), { html: "a/b.html", markdown: "a/b.md" });
        assert.deepStrictEqual(reportPaths("a/b.md"), { html: "a/b.html", markdown: "a/b.md" });
        assert.deepStrictEqual(reportPaths("a/b"), { html: "a/b.html", markdown: "a/b.md" });
    });
});
