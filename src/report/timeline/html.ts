import type { Timeline } from '../../timeline/timeline.js';
import { stageChart } from '../stage-chart.js';
import { capabilityFirsts, day, evidenceText, stageRows, type StageRow } from './rows.js';

const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The journey chart: stage over time for the organization and each team (or each repository when
 * there are no teams), drawn by the chart the dashboard draws too (report/stage-chart.ts).
 */
function journeyChart(timeline: Timeline, rows: StageRow[]): string {
  const series = rows.filter((r) => r.kind !== 'repository').length > 1 ? rows.filter((r) => r.kind !== 'repository') : rows;
  const shown = series.map((row) => ({ label: row.kind === 'team' ? `team ${row.label}` : row.label, stages: row.stages }));
  return stageChart(shown, timeline.points.map((p) => day(p.at)), 'Stage over time', 'journey');
}

/** `timeline --format html`: one self-contained, offline page with the journey chart, the grid and the milestones. */
export function renderTimelineHtml(timeline: Timeline): string {
  const rows = stageRows(timeline);
  const points = timeline.points;
  const grid = [
    `<tr><th scope="col">stage</th>${points.map((p) => `<th scope="col">${esc(day(p.at))}</th>`).join('')}</tr>`,
    ...rows.map((r) => `<tr class="${r.kind}"><th scope="row">${esc(r.kind === 'team' ? `team ${r.label}` : r.label)}</th>${r.stages.map((s) => `<td>${s === undefined ? '<span title="not there yet">·</span>' : s}</td>`).join('')}</tr>`),
  ].join('');
  const firsts = capabilityFirsts(timeline)
    .map((c) => `<tr><td>${c.stage}</td><td>${esc(c.name)}</td><td>${c.firstMet ? esc(day(c.firstMet)) : 'not yet'}</td><td><code>${esc(c.evidence ?? '')}</code></td></tr>`)
    .join('');
  const milestones = timeline.milestones
    .map((m) => `<li class="${esc(m.kind)}"><time>${esc(day(m.at))}</time> ${esc(m.message)}${m.evidence[0] ? ` — <code>${esc(evidenceText(m.evidence[0]))}</code>` : ''}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Kubernetes maturity over time · ${esc(timeline.organization)}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:62rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
.journey text{font-size:12px;fill:#444}.journey .grid{stroke:#e4e7eb}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border-bottom:1px solid #e4e7eb;padding:.3rem .5rem;text-align:left}
td{font-variant-numeric:tabular-nums}table.grid tr:first-child th{white-space:nowrap}tr.organization th{font-weight:700}code{font-size:.85em;word-break:break-all}
ol.milestones{padding-left:1.2rem}ol.milestones time{font-variant-numeric:tabular-nums;color:#555;margin-right:.4rem}
</style></head><body>
<h1>Kubernetes maturity over time · ${esc(timeline.organization)}</h1>
<p>${points.length} points, reconstructed from git history${points.length > 0 ? ` from ${esc(day(points[0]!.at))} to ${esc(day(points.at(-1)!.at))}` : ''}. Clusters are not part of past points.</p>
${journeyChart(timeline, rows)}
<h2>Stage at each point</h2><table class="grid">${grid}</table>
<h2>Capabilities, first met</h2><table><tr><th>stage</th><th>capability</th><th>first met</th><th>evidence then</th></tr>${firsts}</table>
<h2>Milestones</h2><ol class="milestones">${milestones || '<li>none between these points</li>'}</ol>
</body></html>
`;
}
