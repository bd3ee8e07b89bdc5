/** The report's stylesheet: system fonts only, nothing fetched; a print section at the end. */
export const REPORT_STYLE = `
:root {
  --ink: #1f2933; --muted: #5f6c7b; --line: #d9e0e8; --paper: #ffffff; --canvas: #f4f6f9;
  --accent: #1d4ed8; --accent-soft: #e0e9ff;
  --met-bg: #d7f5e1; --met-fg: #14632f; --met-bar: #22a052;
  --partial-bg: #fff0c2; --partial-fg: #7a4d00; --partial-bar: #e0a100;
  --missing-bg: #fde0dd; --missing-fg: #9b1c13; --missing-bar: #d9473a;
  --unknown-bg: #e8ebf0; --unknown-fg: #3d4754; --unknown-bar: #8a96a5;
  --attested-bg: #dde8ff; --attested-fg: #1e3a8a; --attested-bar: #3b63d1;
  --exempt-bg: #f0f1f3; --exempt-fg: #5f6c7b; --exempt-bar: #a0a8b3;
  --reached: #1f7a5a; --reached-2: #2a9d74; --current: #1d4ed8;
}
* { box-sizing: border-box; }
html { background: var(--canvas); }
body {
  margin: 0 auto; max-width: 1180px; padding: 28px 28px 48px; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif;
}
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .86em; }
a { color: var(--accent); }
h1, h2, h3 { line-height: 1.2; margin: 0; }
h2 { font-size: 1.25rem; margin-bottom: 14px; }
section, header.hero { background: var(--paper); border: 1px solid var(--line); border-radius: 12px; padding: 22px 24px; margin-bottom: 20px; }
.muted { color: var(--muted); }
.small { font-size: .85rem; }

/* ---- headline */
header.hero { display: grid; grid-template-columns: 1fr auto; gap: 24px; align-items: center; }
.eyebrow { margin: 0 0 6px; text-transform: uppercase; letter-spacing: .08em; font-size: .78rem; color: var(--muted); font-weight: 600; }
.hero h1 { font-size: 2rem; }
.hero h1 .stage-name { display: block; font-size: 1.15rem; font-weight: 500; color: var(--muted); margin-top: 4px; }
.hero .summary { margin: 10px 0 0; max-width: 62ch; }
.callout { margin: 14px 0 0; padding: 10px 14px; border-radius: 8px; background: var(--accent-soft); }
.callout.provisional { background: var(--partial-bg); color: var(--partial-fg); }
.big-stage { width: 132px; height: 132px; border-radius: 50%; display: grid; place-items: center; text-align: center;
  background: conic-gradient(var(--reached-2) calc(var(--share) * 1%), #e3e8ee 0); }
.big-stage > div { width: 104px; height: 104px; border-radius: 50%; background: var(--paper); display: grid; place-content: center; }
.big-stage strong { font-size: 2.4rem; line-height: 1; }
.stats { display: flex; flex-wrap: wrap; gap: 8px 18px; margin-top: 14px; color: var(--muted); font-size: .9rem; }
.stats b { color: var(--ink); }

/* ---- ladder */
.ladder { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(5, 1fr); gap: 10px; align-items: end; }
.step { display: flex; flex-direction: column; justify-content: flex-end; }
.step .bar { border-radius: 10px 10px 4px 4px; padding: 10px 12px; color: #fff; background: #c5ced8; position: relative; display: flex; flex-direction: column; justify-content: flex-end; }
.step.reached .bar { background: linear-gradient(160deg, var(--reached-2), var(--reached)); }
.step.current .bar { box-shadow: 0 0 0 3px var(--paper), 0 0 0 6px var(--current); }
.step.next .bar { background: repeating-linear-gradient(135deg, #eef3ff, #eef3ff 10px, #e2eaff 10px, #e2eaff 20px); border: 2px dashed var(--current); color: #1e3a8a; }
.step.next .flag { background: var(--current); color: #fff; }
.step:not(.reached):not(.next) .bar { color: #3d4754; background: #dfe4ea; }
.step .num { font-size: 1.9rem; font-weight: 700; line-height: 1; }
.step .name { font-weight: 600; margin-top: 4px; }
.step .tally { font-size: .8rem; opacity: .92; margin-top: 2px; }
.step .flag { position: absolute; top: 8px; right: 10px; font-size: .72rem; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; background: rgba(255,255,255,.22); padding: 1px 7px; border-radius: 999px; }
.who { min-height: 56px; padding-top: 8px; display: flex; flex-wrap: wrap; gap: 4px; align-content: flex-start; }
.chip { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: .78rem; border: 1px solid var(--line); background: var(--paper); white-space: nowrap; max-width: 100%; overflow: hidden; text-overflow: ellipsis; }
.chip.org { background: var(--ink); color: #fff; border-color: var(--ink); font-weight: 600; }
.chip.team { background: var(--accent-soft); border-color: #c4d3ff; }
.not-started { margin-top: 10px; }

/* ---- status pills and heat map */
.pill { display: inline-flex; gap: 5px; align-items: center; padding: 1px 9px; border-radius: 999px; font-size: .8rem; font-weight: 600; white-space: nowrap; }
.s-met { background: var(--met-bg); color: var(--met-fg); }
.s-partial { background: var(--partial-bg); color: var(--partial-fg); }
.s-missing { background: var(--missing-bg); color: var(--missing-fg); }
.s-unknown { background: var(--unknown-bg); color: var(--unknown-fg); }
.s-attested { background: var(--attested-bg); color: var(--attested-fg); }
.s-exempt { background: var(--exempt-bg); color: var(--exempt-fg); }
.sym { font-weight: 700; }
.grid-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
thead th { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); border-bottom: 2px solid var(--line); }
.heatmap { border-collapse: separate; border-spacing: 3px; }
.heatmap td, .heatmap th { border: 0; }
.heatmap td.cell { text-align: center; border-radius: 6px; font-size: .85rem; font-weight: 600; white-space: nowrap; min-width: 112px; }
.heatmap th.cap { font-weight: 500; }
.heatmap th.cap .opt { color: var(--muted); font-weight: 400; font-size: .8rem; }
.heatmap tr.band th { padding-top: 12px; font-size: .8rem; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.legend { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }

/* ---- coverage */
.coverage { display: grid; grid-template-columns: repeat(auto-fit, minmax(250px, 1fr)); gap: 16px; }
.cov h3 { font-size: .95rem; font-weight: 600; margin-bottom: 6px; }
.track { height: 14px; border-radius: 999px; background: #e6eaef; overflow: hidden; }
.fill { height: 100%; border-radius: 999px; }
.fill.s-met { background: var(--met-bar); } .fill.s-partial { background: var(--partial-bar); } .fill.s-missing { background: var(--missing-bar); }
.fill.s-unknown, .fill.s-exempt { background: var(--unknown-bar); } .fill.s-attested { background: var(--attested-bar); }
.cov p { margin: 6px 0 0; font-size: .85rem; color: var(--muted); }

/* ---- roadmap */
.roadmap { list-style: none; padding: 0; margin: 0; display: grid; gap: 12px; }
.card { border: 1px solid var(--line); border-left: 5px solid var(--partial-bar); border-radius: 10px; padding: 14px 16px; }
.card.st-missing { border-left-color: var(--missing-bar); }
.card.optional { border-left-color: var(--unknown-bar); }
.card h3 { font-size: 1.05rem; margin-bottom: 4px; }
.card .meta { font-size: .85rem; color: var(--muted); display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; }
.card ul { margin: 8px 0; padding-left: 20px; }
.card dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 0; font-size: .88rem; }
.card dt { color: var(--muted); }
.card dd { margin: 0; }
.later td, .later th { font-size: .9rem; }
h3.sub { font-size: .95rem; margin: 18px 0 10px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }

/* ---- evidence */
.controls { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin-bottom: 12px; }
.controls input, .controls select { font: inherit; padding: 6px 10px; border: 1px solid #b8c2cd; border-radius: 8px; background: var(--paper); color: var(--ink); }
.controls input { min-width: 280px; flex: 1; }
#evidence-table { table-layout: fixed; }
#evidence-table td { font-size: .86rem; padding: 5px 8px; }
#evidence-table td.num { text-align: center; }
.heatmap td.cell.optional { background: var(--exempt-bg); color: var(--exempt-fg); font-weight: 500; }
#evidence-table td.loc { overflow-wrap: anywhere; }
#evidence-table tr[hidden] { display: none; }

footer { color: var(--muted); font-size: .85rem; text-align: center; margin-top: 28px; }
details summary { cursor: pointer; font-weight: 600; }
details.long summary { font-weight: inherit; }
details.long[open] summary { color: var(--muted); font-size: .8em; }
details.long .full { overflow-wrap: anywhere; }
.heatmap td.cell.na, .pill.na { color: var(--muted); background: transparent; font-weight: 400; }

@media (max-width: 760px) {
  header.hero { grid-template-columns: 1fr; }
  .ladder { grid-template-columns: 1fr; }
  .step .bar { height: auto !important; }
}
@media print {
  html, body { background: #fff; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  section, header.hero { border: 0; border-radius: 0; padding: 0 0 14pt; margin-bottom: 14pt; break-inside: auto; }
  .controls, #evidence-count { display: none !important; }
  #evidence-table tr[hidden] { display: table-row !important; }
  .card, .cov, tr, .step { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
