/**
 * Opens the report in headless Chromium (Debian's `chromium`; CI installs it) and checks what a
 * reader sees: the text the browser lays out, not the HTML source. A probe script is added to a
 * copy of the page (the report itself has none) and writes what it measured into the DOM, which
 * `--dump-dom` prints.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { writeComplianceReport } from "../../preview/report";
import { NOW, OWN_PROGRAM, previewOf, tempDir } from "./helpers";

function findChromium(): string {
    const candidates = [process.env.CHROMIUM, "chromium", "chromium-browser", "google-chrome"].filter((c): c is string => Boolean(c));
    for (const c of candidates) {
        if (spawnSync("sh", ["-c", `command -v "${c}"`], { encoding: "utf8" }).status === 0) return c;
    }
    throw new Error("no headless Chromium found: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM to a Chrome binary");
}

function chromium(args: string[]): string {
    // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
    const r = spawnSync(findChromium(), ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,2000", ...args], {
        encoding: "utf8",
        timeout: 90_000,
    });
    if (r.status !== 0) throw new Error(`chromium exited with ${r.status}: ${r.stderr}`);
    return r.stdout;
}

const PROBE = `<script>
(() => {
  const shown = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const text = (sel) => { const el = document.querySelector(sel); return shown(el) ? el.innerText : null; };
  const verdict = document.getElementById("verdict");
  const out = {
    verdict: text("#verdict"),
    verdictBackground: getComputedStyle(verdict).backgroundColor,
    cards: Object.fromEntries([...document.querySelectorAll("#summary .card")].filter(shown).map((c) => [c.dataset.metric, c.innerText])),
    packs: [...document.querySelectorAll("#summary tr[data-pack]")].filter(shown).map((r) => r.innerText),
    control: text('article[data-framework="cisEks"][data-control="4.2.1"]'),
    matrixRows: [...document.querySelectorAll("#coverage tr[data-control]")].filter(shown).length,
    matrixRow: text('#coverage tr[data-framework="cisEks"][data-control="4.2.1"]'),
    overflow: document.documentElement.scrollWidth - window.innerWidth,
  };
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>`;

interface Probe {
    verdict: string | null;
    verdictBackground: string;
    cards: Record<string, string>;
    packs: string[];
    control: string | null;
    matrixRows: number;
    matrixRow: string | null;
    overflow: number;
}

function unescapeHtml(s: string): string {
    return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

describe("the compliance report in a browser", function () {
    this.timeout(240_000);
    let html = "";
    let probe: Probe;
    let dir = "";
    let violations = 0;
    let resources = 0;
    let controls = 0;
    let privileged: { resourceType: string; resourceName: string } | undefined;

    before(async () => {
        const { preview, infos } = await previewOf(OWN_PROGRAM, "test");
        dir = tempDir("bulwark-browser-");
        const written = writeComplianceReport(preview, infos, { out: path.join(dir, "report.html"), now: NOW });
        violations = written.report.counts.violation;
        resources = written.report.resources.toCreate;
        privileged = written.report.findings.find((f) => f.policy === "pss-baseline-privileged" && f.kind === "violation");
        controls = written.report.coverage.frameworks.reduce((n, f) => n + f.rows.length, 0);
        html = written.html;
        const probed = path.join(dir, "probed.html");
        fs.writeFileSync(probed, fs.readFileSync(html, "utf8").replace("</body>", `${PROBE}</body>`));
        const dom = chromium(["--dump-dom", `file://${probed}`]);
        const m = /<pre id="probe">([\s\S]*?)<\/pre>/.exec(dom);
        assert.ok(m, `the probe did not run; Chromium printed:\n${dom.slice(0, 500)}`);
        probe = JSON.parse(unescapeHtml(m[1])) as Probe;
    });

    it("shows the failing verdict in red, with the number of violations", () => {
        assert.match(probe.verdict ?? "", new RegExp(`^FAIL: ${violations} mandatory violations would stop pulumi preview`));
        const [r, g, b] = (probe.verdictBackground.match(/\d+/g) ?? []).map(Number);
        assert.ok(r > g && r > b, `the verdict's background is reddish, got ${probe.verdictBackground}`);
    });

    it("shows the summary figures: resources analyzed and mandatory violations", () => {
        assert.match(probe.cards.resources, new RegExp(`^${resources}\\s+resources analyzed`));
        assert.match(probe.cards.violations, new RegExp(`^${violations}\\s+mandatory violations`));
        assert.ok(probe.packs.some((row) => /^bulwark-kubernetes@\S+\s+fail\b/.test(row)), probe.packs.join("\n"));
    });

    it("shows the privileged container's violation under CIS EKS 4.2.1, on its resource", () => {
        assert.ok(probe.control, "the CIS EKS 4.2.1 section is shown");
        assert.match(probe.control, /^CIS EKS 1\.8 4\.2\.1\s+Minimize the admission of privileged containers/);
        assert.ok(privileged, "the program has a privileged container");
        const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        assert.match(probe.control, new RegExp(`${escape(privileged.resourceType)}\\s+${escape(privileged.resourceName)}\\n`));
        assert.match(probe.control, /violation\s+CRITICAL\s+pss-baseline-privileged/);
        assert.match(probe.control, /securityContext\.privileged must be false/);
    });

    it("shows every control of the matrix, each with what implements it and what this stack showed", () => {
        assert.strictEqual(probe.matrixRows, controls);
        assert.match(probe.matrixRow ?? "", /^4\.2\.1\s+Minimize the admission of privileged containers\s+policy\s+pss-baseline-privileged[\s\S]*\s\d+ violations?$/);
    });

    it("fits the window's width and renders a screenshot with content", () => {
        assert.ok(probe.overflow <= 0, `the page is ${probe.overflow}px wider than the window`);
        const shot = path.join(dir, "report.png");
        chromium([`--screenshot=${shot}`, `file://${html}`]);
        const png = fs.readFileSync(shot);
        assert.strictEqual(png.subarray(1, 4).toString(), "PNG");
        assert.strictEqual(png.readUInt32BE(16), 1280, "screenshot width");
        assert.ok(png.length > 60_000, `a blank page compresses to a few kilobytes; got ${png.length} bytes`);
    });

    it("prints to PDF", () => {
        const pdf = path.join(dir, "report.pdf");
        chromium(["--no-pdf-header-footer", `--print-to-pdf=${pdf}`, `file://${html}`]);
        const bytes = fs.readFileSync(pdf);
        assert.strictEqual(bytes.subarray(0, 5).toString(), "%PDF-");
        const pages = Math.max(...[...bytes.toString("latin1").matchAll(/\/Count (\d+)/g)].map((m) => Number(m[1])));
        assert.ok(pages >= 2, `${pages} pages`);
    });
});
