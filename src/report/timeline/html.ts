import type { Timeline } from '../../timeline/timeline.js';
import { capabilityFirsts, day, evidenceText, stageRows, type StageRow } from './rows.js';

const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Distinct lines that also differ by dash pattern, so colour is never the only way to tell them apart. */
const STYLES = [
  { color: '#1f4e9c', dash: '' },
  { color: '#c2410c', dash: '6 3' },
  { color: '#15803d', dash: '2 3' },
  { color: '#7e22ce', dash: '10 4 2 4' },
  { color: '#0f766e', dash: '4 4' },
  { color: '#a16207', dash: '1 5' },
];

/**
 * The journey chart: stage over time for the organization and each team (or each repository when
 * there are no teams), as inline SVG. No script, no font, nothing from another origin.
 */
function journeyChart(timeline: Timeline, rows: StageRow[]): string {
  const n = timeline.points.length;
  const w = 760;
  const h = 260;
  const left = 40;
  const right = 150;
  const top = 16;
  const bottom = 36;
  const x = (i: number): number => left + (n <= 1 ? 0 : (i * (w - left - right)) / (n - 1));
  const y = (stage: number): number => top + ((5 - stage) * (h - top - bottom)) / 5;
  const parts: string[] = [];
  for (let s = 0; s <= 5; s++) parts.push(`<line x1="${left}" x2="${w - right}" y1="${y(s)}" y2="${y(s)}" class="grid"/><text x="${left - 8}" y="${y(s) + 4}" text-anchor="end">${s}</text>`);
  // Month labels, thinned so that they never overlap (about 70 px each).
  const every = Math.max(1, Math.ceil((70 * n) / (w - left - right)));
  timeline.points.forEach((p, i) => {
    if (i % every === 0 || i === n - 1) parts.push(`<text x="${x(i)}" y="${h - 12}" text-anchor="middle">${esc(p.at.slice(0, 7))}</text>`);
  });
  const series = (rows.filter((r) => r.kind !== 'repository').length > 1 ? rows.filter((r) => r.kind !== 'repository') : rows).slice(0, STYLES.length);
  // Series on the same stage would hide each other: each is drawn a few pixels apart.
  const offset = (k: number): number => (k - (series.length - 1) / 2) * 3;
  const labels: { y: number; text: string; color: string }[] = [];
  series.forEach((row, k) => {
    const style = STYLES[k]!;
    const points = row.stages.map((s, i) => (s === undefined ? undefined : `${x(i)},${y(s) + offset(k)}`)).filter((p): p is string => p !== undefined);
    const label = row.kind === 'team' ? `team ${row.label}` : row.label;
    parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${style.color}" stroke-width="2.5" stroke-dasharray="${style.dash}"><title>${esc(label)}</title></polyline>`);
    row.stages.forEach((s, i) => {
      if (s !== undefined) parts.push(`<circle cx="${x(i)}" cy="${y(s) + offset(k)}" r="3.5" fill="${style.color}"><title>${esc(`${label}: stage ${s} on ${day(timeline.points[i]!.at)}`)}</title></circle>`);
    });
    let last = row.stages.length - 1;
    while (last >= 0 && row.stages[last] === undefined) last--;
    if (last >= 0) labels.push({ y: y(row.stages[last]!) + 4, text: label.length > 22 ? `${label.slice(0, 21)}…` : label, color: style.color });
  });
  // End labels pushed apart (14 px) so that series ending on the same stage stay readable.
  labels.sort((a, b) => a.y - b.y);
  for (let i = 1; i < labels.length; i++) labels[i]!.y = Math.max(labels[i]!.y, labels[i - 1]!.y + 14);
  for (const l of labels) parts.push(`<text x="${w - right + 8}" y="${l.y}" fill="${l.color}">${esc(l.text)}</text>`);
  return `<svg role="img" aria-labelledby="chart-title" viewBox="0 0 ${w} ${h}" width="100%" class="journey"><title id="chart-title">Stage over time</title>${parts.join('')}</svg>`;
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
