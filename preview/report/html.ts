/**
 * The compliance report as one self-contained HTML page: inline CSS, no script, no external asset,
 * so it opens from a CI artifact or an e-mail and prints as it shows. `data-*` attributes carry
 * the figures, for reviewers' own tooling and the report's tests.
 */
import { coverageCounts } from "./coverage";
import { STYLE } from "./html-style";
import { type ComplianceReport, type Finding, SEVERITIES, controlResult } from "./model";

export function esc(s: string): string {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Remediation steps are Markdown; their inline code is what a reader copies, so it is set as code. */
function inlineCode(markdown: string): string {
    return esc(markdown).replace(/`([^`\n]+)`/g, "<code>$1</code>");
}

const KIND_LABEL: Record<Finding["kind"], string> = { violation: "violation", advisory: "advisory", exempted: "exempted", deferred: "deferred" };
const STATUS_LABEL = { policy: "policy", component: "component default", "not-automatable": "not automatable", gap: "gap" } as const;

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function verdict(r: ComplianceReport): string {
    const text =
        r.verdict === "fail"
            ? `FAIL: ${plural(r.counts.violation, "mandatory violation")} would stop <code>pulumi preview</code>`
            : r.verdict === "incomplete"
              ? `INCOMPLETE: no mandatory violation in what was analyzed, but ${plural(r.incomplete.length, "resource")} could not be analyzed offline`
              : "PASS: no mandatory violation";
    return `<p id="verdict" class="verdict verdict-${r.verdict}" data-verdict="${r.verdict}">${text}</p>`;
}

function card(metric: string, value: number | string, label: string, tone = ""): string {
    return `<div class="card ${tone}" data-metric="${metric}" data-value="${esc(String(value))}"><span class="num">${esc(String(value))}</span><span class="label">${label}</span></div>`;
}

function summary(r: ComplianceReport): string {
    const cards = [
        card("resources", r.resources.toCreate, `resources analyzed <small>(${r.resources.inGraph} in the graph)</small>`),
        card("violations", r.counts.violation, "mandatory violations", r.counts.violation ? "bad" : "good"),
        card("advisory", r.counts.advisory, "advisory findings", r.counts.advisory ? "warn" : ""),
        card("exempted", r.counts.exempted, "exempted findings"),
        card("deferred", r.counts.deferred, "deferred to <code>pulumi up</code>"),
        ...(r.incomplete.length ? [card("incomplete", r.incomplete.length, "not analyzed (incomplete)", "bad")] : []),
    ];
    const rows = r.packs.map((p) => {
        const v = p.verdict === "fail" ? "fail" : r.verdict === "incomplete" ? "incomplete" : "pass";
        const cells = SEVERITIES.map((s) => {
            const { failed, policies } = p.bySeverity[s];
            return `<td class="num ${failed ? "bad" : ""}" data-severity="${s}" data-failed="${failed}" data-policies="${policies}">${failed} / ${policies}</td>`;
        });
        return `<tr data-pack="${esc(p.name)}" data-verdict="${p.verdict}"><th scope="row">${esc(p.name)}<small>@${esc(p.version)}</small></th><td><span class="badge v-${v}">${v}</span></td>${cells.join("")}<td class="num">${p.counts.violation}</td><td class="num">${p.counts.advisory}</td><td class="num">${p.counts.exempted}</td><td class="num">${p.counts.deferred}</td></tr>`;
    });
    return `<section id="summary"><h2>Summary</h2><div class="cards">${cards.join("")}</div>
<table class="packs"><caption>Policies with a mandatory violation / policies, by pack and severity</caption>
<thead><tr><th>pack</th><th>verdict</th>${SEVERITIES.map((s) => `<th class="num">${s}</th>`).join("")}<th class="num">violations</th><th class="num">advisory</th><th class="num">exempted</th><th class="num">deferred</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table></section>`;
}

function toFix(r: ComplianceReport): string {
    if (!r.resourcesToFix.length) return "";
    const rows = r.resourcesToFix.map(
        (x) =>
            `<tr data-urn="${esc(x.urn)}"><td><strong>${x.urn ? esc(x.name) : "the whole stack"}</strong></td><td><span class="rtype">${esc(x.type)}</span></td><td class="num bad">${x.violations}</td><td>${x.policies.map((p) => `<code class="policy">${esc(p)}</code>`).join(" ")}</td></tr>`,
    );
    return `<section id="to-fix"><h2>Resources with violations</h2><table class="to-fix"><thead><tr><th>resource</th><th>type</th><th class="num">violations</th><th>policies</th></tr></thead><tbody>${rows.join("\n")}</tbody></table></section>`;
}

function howToFix(r: ComplianceReport): string {
    if (!r.howToFix.length) return "";
    const items = r.howToFix.map(
        (p) =>
            `<article class="fix" data-policy="${esc(p.policy)}"><h4><span class="sev s-${esc(p.severity ?? "na")}">${esc(p.severity ?? "n/a")}</span> <code class="policy">${esc(p.policy)}</code> ${esc(p.description)}</h4>` +
            `<p class="on">on ${p.resources.map((x) => `<strong>${esc(x)}</strong>`).join(", ")}</p><div class="msg">${inlineCode(p.remediation)}</div></article>`,
    );
    return `<section id="how-to-fix"><h2>How to fix</h2><p class="hint">Each failing policy once, most severe first, with its remediation steps.</p>${items.join("\n")}</section>`;
}

function incomplete(r: ComplianceReport): string {
    if (!r.incomplete.length) return "";
    const rows = r.incomplete.map((i) => `<tr data-urn="${esc(i.urn)}"><td>${esc(i.urn.split("::").pop() ?? i.urn)}</td><td><code>${esc(i.type)}</code></td><td>${esc(i.reason)}</td></tr>`);
    return `<section id="incomplete"><h2>Not analyzed</h2><p>These resources' children could not be expanded offline; a real <code>pulumi preview</code> analyzes them. The gate does not count them as passing.</p>
<table><thead><tr><th>resource</th><th>type</th><th>why</th></tr></thead><tbody>${rows.join("\n")}</tbody></table></section>`;
}

function finding(f: Finding): string {
    const lifted = f.exemption === undefined ? "" : ` <a class="exref" href="#exemption-${f.exemption + 1}">by exemption ${f.exemption + 1}</a>`;
    return `<li class="finding k-${f.kind}" data-kind="${f.kind}" data-policy="${esc(f.policy)}"><span class="badge k-${f.kind}">${KIND_LABEL[f.kind]}</span> <span class="sev s-${esc(f.severity ?? "na")}">${esc(f.severity ?? "n/a")}</span> <code class="policy">${esc(f.policy)}</code>${lifted}<div class="msg">${esc(f.detail)}</div></li>`;
}

function resource(urn: string, type: string, name: string, findings: readonly Finding[]): string {
    const head = urn ? `<span class="rtype">${esc(type)}</span> <strong>${esc(name)}</strong>` : "<strong>the whole stack</strong>";
    return `<div class="resource" data-urn="${esc(urn)}"><div class="rhead">${head}</div><ul>${findings.map(finding).join("")}</ul></div>`;
}

function findings(r: ComplianceReport): string {
    const parts: string[] = [];
    for (const { catalog } of r.coverage.frameworks) {
        const controls = r.byControl[catalog.key];
        if (!controls.length) continue;
        parts.push(`<h3>${esc(catalog.title)}</h3>`);
        for (const { row, byResource } of controls) {
            const violations = byResource.flatMap((x) => x.findings).filter((f) => f.kind === "violation").length;
            parts.push(
                `<article class="control ${violations ? "has-violation" : ""}" data-framework="${catalog.key}" data-control="${esc(row.control.id)}">` +
                    `<h4><span class="cid">${esc(catalog.short)} ${esc(row.control.id)}</span> ${esc(row.control.title)}</h4>` +
                    byResource.map((x) => resource(x.urn, x.type, x.name, x.findings)).join("") +
                    "</article>",
            );
        }
    }
    if (r.unmapped.length) {
        parts.push("<h3>Policies that declare no catalog control</h3>");
        parts.push(`<article class="control" data-framework="none">${r.unmapped.map((f) => resource(f.urn, f.resourceType, f.resourceName, [f])).join("")}</article>`);
    }
    const body = parts.length ? parts.join("\n") : `<p class="empty">No policy reported anything.</p>`;
    return `<section id="findings"><h2>Findings by control</h2><p class="hint">Each finding appears under every control its policy implements, grouped by resource.</p>${body}</section>`;
}

function exemptions(r: ComplianceReport): string {
    if (!r.exemptions.length) return `<section id="exemptions"><h2>Exemptions</h2><p class="empty">None configured.</p></section>`;
    const rows = r.exemptions.map((e, i) => {
        const days = e.daysLeft === undefined ? "no expiry" : e.daysLeft < 0 ? `expired ${-e.daysLeft} days ago` : String(e.daysLeft);
        const tone = e.daysLeft === undefined ? "" : e.daysLeft < 0 ? "bad" : e.daysLeft <= 30 ? "warn" : "";
        const owner = e.owner ? esc(e.owner) : `<span class="muted">not recorded</span>`;
        const requested = e.requestedBy ? `<br><small>requested by ${esc(e.requestedBy)}</small>` : "";
        return `<tr id="exemption-${i + 1}" data-days-left="${e.daysLeft ?? ""}" data-lifted="${e.lifted}"><td class="num">${i + 1}</td><td>${e.policies.map((p) => `<code>${esc(p)}</code>`).join(" ")}</td><td>${esc(e.scope)}</td><td>${owner}${requested}</td><td>${esc(e.justification)}</td><td>${esc(e.expires ?? "never")}</td><td class="num ${tone}">${days}</td><td class="num">${e.lifted}</td></tr>`;
    });
    return `<section id="exemptions"><h2>Exemptions</h2><table class="exemptions"><thead><tr><th class="num">#</th><th>policies</th><th>scope</th><th>owner</th><th>justification</th><th>expires</th><th class="num">days left</th><th class="num">lifted here</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table></section>`;
}

function coverage(r: ComplianceReport): string {
    const counts = coverageCounts(r.coverage)
        .map(({ framework, counts: c, total }) => `<tr data-framework="${framework.key}"><th scope="row">${esc(framework.title)}</th><td class="num">${total}</td><td class="num">${c.policy}</td><td class="num">${c.component}</td><td class="num">${c["not-automatable"]}</td><td class="num ${c.gap ? "warn" : ""}">${c.gap}</td></tr>`)
        .join("\n");
    const tables = r.coverage.frameworks.map(({ catalog, rows }) => {
        const body = rows.map((row) => {
            const by = [
                ...row.policies.map((p) => `<code class="policy">${esc(p.policy)}</code>`),
                ...row.components.map((c) => `<span class="comp">${esc(c.component.split(":").pop() ?? c.component)} ${c.arg.startsWith("(") ? esc(c.arg) : `<code>${esc(c.arg)}</code>`}: ${esc(c.default)}</span>`),
            ];
            const what = by.length ? by.join(" ") : row.reason ? `<span class="reason">${esc(row.reason)}</span>` : `<span class="muted">nothing yet</span>`;
            const result = controlResult(r, row);
            const tone = /^\d+ violations?$/.test(result) ? "bad" : result.startsWith("no violation") ? "good" : "";
            return `<tr data-framework="${catalog.key}" data-control="${esc(row.control.id)}" data-status="${row.status}"><td class="cid">${esc(row.control.id)}</td><td>${esc(row.control.title)}</td><td><span class="badge st-${row.status}">${STATUS_LABEL[row.status]}</span></td><td>${what}</td><td class="${tone}">${esc(result)}</td></tr>`;
        });
        return `<h3>${esc(catalog.title)}</h3><table class="matrix"><thead><tr><th>control</th><th>title</th><th>status</th><th>implemented by</th><th>this stack</th></tr></thead><tbody>${body.join("\n")}</tbody></table>`;
    });
    return `<section id="coverage"><h2>Coverage matrix</h2>
<table class="counts"><thead><tr><th>framework</th><th class="num">controls</th><th class="num">by policy</th><th class="num">by component default</th><th class="num">not automatable</th><th class="num">gaps</th></tr></thead><tbody>${counts}</tbody></table>
${tables.join("\n")}</section>`;
}

/** Links to the sections the page has: the resource and fix sections appear only with violations. */
function nav(r: ComplianceReport): string {
    const sections: [string, string, boolean][] = [
        ["summary", "Summary", true],
        ["to-fix", "Resources", r.resourcesToFix.length > 0],
        ["incomplete", "Not analyzed", r.incomplete.length > 0],
        ["findings", "Findings by control", true],
        ["how-to-fix", "How to fix", r.howToFix.length > 0],
        ["exemptions", "Exemptions", true],
        ["coverage", "Coverage matrix", true],
    ];
    return sections.filter(([, , shown]) => shown).map(([id, label]) => `<a href="#${id}">${label}</a>`).join("");
}

export function reportHtml(r: ComplianceReport): string {
    const title = `Compliance report: ${r.project} / ${r.stack}`;
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><main>
<header><nav>${nav(r)}</nav><h1>${esc(title)}</h1><p class="meta">${esc(r.date)} · offline preview with ${r.packs.map((p) => `<code>${esc(p.name)}@${esc(p.version)}</code>`).join(", ")}</p>${verdict(r)}</header>
${summary(r)}
${toFix(r)}
${incomplete(r)}
${findings(r)}
${howToFix(r)}
${exemptions(r)}
${coverage(r)}
<footer><p>Offline, values the cloud computes are unknown: a policy that needs one is <em>deferred</em> and decides at <code>pulumi up</code>. A control implemented only by a component default is not checked at preview; the policies check what a program passes instead. Generated by <code>bulwark report</code>.</p></footer>
</main></body></html>
`;
}
