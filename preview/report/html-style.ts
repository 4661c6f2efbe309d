/** The report page's stylesheet, inlined: system fonts only, colours kept when printed. */
export const STYLE = `
:root { --fg: #1b1f24; --muted: #5b6570; --line: #d8dee4; --bg-soft: #f5f7f9;
  --bad: #b42318; --bad-bg: #fdecea; --good: #1a7f37; --good-bg: #e8f5ec; --warn: #9a6700; --warn-bg: #fff4d6; --info-bg: #eef2ff; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--fg); background: #fff; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 24px 0 8px; }
h4 { font-size: 14px; margin: 0 0 8px; }
code { font: 12.5px/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg-soft); padding: 1px 4px; border-radius: 3px; }
small { color: var(--muted); font-weight: normal; }
.meta, .hint, .muted { color: var(--muted); }
.verdict { margin: 14px 0 0; padding: 12px 16px; border-radius: 6px; font-size: 17px; font-weight: 600; border-left: 6px solid; }
.verdict-fail { background: var(--bad-bg); border-color: var(--bad); color: var(--bad); }
.verdict-pass { background: var(--good-bg); border-color: var(--good); color: var(--good); }
.verdict-incomplete { background: var(--warn-bg); border-color: var(--warn); color: var(--warn); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 18px; }
.card { flex: 1 1 150px; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: var(--bg-soft); }
.card .num { display: block; font-size: 28px; font-weight: 700; line-height: 1.1; }
.card .label { color: var(--muted); }
.card.bad { background: var(--bad-bg); border-color: #f3b8b2; } .card.bad .num { color: var(--bad); }
.card.good .num { color: var(--good); }
.card.warn { background: var(--warn-bg); } .card.warn .num { color: var(--warn); }
table { width: 100%; border-collapse: collapse; margin: 6px 0 14px; }
caption { text-align: left; color: var(--muted); padding-bottom: 6px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
thead th { background: var(--bg-soft); font-weight: 600; border-bottom: 2px solid var(--line); }
td.num, th.num { text-align: right; white-space: nowrap; }
td.bad { color: var(--bad); font-weight: 600; } td.warn { color: var(--warn); font-weight: 600; } td.good { color: var(--good); }
.badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.v-fail, .k-violation.badge { background: var(--bad-bg); color: var(--bad); border-color: #f3b8b2; }
.v-pass { background: var(--good-bg); color: var(--good); }
.v-incomplete, .k-advisory.badge { background: var(--warn-bg); color: var(--warn); }
.k-exempted.badge, .k-deferred.badge { background: var(--info-bg); color: #3a4a8a; }
.st-policy { background: var(--good-bg); color: var(--good); }
.st-component { background: var(--info-bg); color: #3a4a8a; }
.st-not-automatable { background: var(--bg-soft); color: var(--muted); border-color: var(--line); }
.st-gap { background: var(--warn-bg); color: var(--warn); }
.sev { font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
.s-critical { color: var(--bad); font-weight: 700; } .s-high { color: #c2410c; font-weight: 600; }
article.control { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; margin: 0 0 12px; break-inside: avoid; }
article.control.has-violation { border-left: 5px solid var(--bad); }
.cid { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: nowrap; }
h4 .cid { background: var(--bg-soft); border-radius: 4px; padding: 1px 6px; margin-right: 4px; }
.resource { margin: 8px 0 0; }
.rhead { margin-bottom: 4px; }
.rtype { color: var(--muted); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.resource ul { list-style: none; margin: 0; padding: 0 0 0 14px; border-left: 2px solid var(--line); }
.finding { padding: 4px 0; }
.msg { white-space: pre-wrap; overflow-wrap: anywhere; margin-top: 2px; }
.to-fix td:nth-child(1) { width: 18%; overflow-wrap: anywhere; }
.to-fix td:nth-child(2) { width: 26%; overflow-wrap: anywhere; }
.to-fix code.policy { display: inline-block; margin: 0 4px 2px 0; }
nav { display: flex; flex-wrap: wrap; gap: 14px; font-size: 13px; margin-bottom: 10px; }
nav a { color: #3a4a8a; text-decoration: none; }
article.fix { border-top: 1px solid var(--line); padding: 8px 0 10px; break-inside: avoid; }
article.fix h4 { font-weight: 600; }
article.fix .on { margin: 2px 0 4px; color: var(--muted); }
.comp { display: inline-block; margin: 0 6px 2px 0; }
.matrix td:nth-child(2) { width: 32%; }
.matrix code.policy { display: inline-block; margin: 0 4px 2px 0; }
.exref { font-size: 12px; color: #3a4a8a; margin-left: 4px; }
.reason { color: var(--muted); font-style: italic; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 40px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12.5px; }
@media print {
  @page { margin: 14mm 12mm; }
  body { font-size: 11px; }
  code, .rtype { font-size: 10px; }
  h4 { font-size: 12px; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  nav { display: none; }
  tr, .card { break-inside: avoid; }
  .cards { gap: 6px; flex-wrap: nowrap; }
  .card { flex: 1 1 0; min-width: 0; padding: 8px 10px; }
  .card .num { font-size: 20px; }
}
`;
