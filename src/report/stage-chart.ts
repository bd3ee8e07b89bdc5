/**
 * Stage over time as inline SVG, for the timeline's HTML report and the dashboard: no script, no
 * font, nothing from another origin. Each series differs by dash pattern as well as colour, so
 * colour is never the only way to tell them apart; backfilled points (reconstructed from git
 * history) are drawn hollow.
 */

export interface StageSeries {
  label: string;
  /** One value per x position; undefined where the series has no value (not there yet). */
  stages: (number | undefined)[];
  /** Positions drawn hollow: reconstructed rather than scanned. */
  hollow?: boolean[];
}

const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const SERIES_STYLES = [
  { color: '#1f4e9c', dash: '' },
  { color: '#c2410c', dash: '6 3' },
  { color: '#15803d', dash: '2 3' },
  { color: '#7e22ce', dash: '10 4 2 4' },
  { color: '#0f766e', dash: '4 4' },
  { color: '#a16207', dash: '1 5' },
];

/** `className` marks the chart for a page's own style sheet (`stage-chart` by default). */
export function stageChart(series: readonly StageSeries[], xLabels: readonly string[], title: string, className = 'stage-chart'): string {
  const n = xLabels.length;
  const w = 760;
  const h = 260;
  const left = 40;
  const right = 160;
  const top = 16;
  const bottom = 36;
  const x = (i: number): number => left + (n <= 1 ? (w - left - right) / 2 : (i * (w - left - right)) / (n - 1));
  const y = (stage: number): number => top + ((5 - stage) * (h - top - bottom)) / 5;
  const parts: string[] = [];
  for (let s = 0; s <= 5; s++) parts.push(`<line x1="${left}" x2="${w - right}" y1="${y(s)}" y2="${y(s)}" class="grid"/><text x="${left - 8}" y="${y(s) + 4}" text-anchor="end">${s}</text>`);
  // Labels thinned so that they never overlap: about 70 px each, more for longer ones (a day with
  // its time), at about 7 px a character.
  const labelWidth = Math.max(70, 7 * Math.max(0, ...xLabels.map((l) => l.length)) + 14);
  const every = Math.max(1, Math.ceil((labelWidth * n) / (w - left - right)));
  xLabels.forEach((label, i) => {
    // The last point is always labelled; the regular label just before it gives way when too close.
    const last = i === n - 1;
    const crowdsLast = !last && i % every === 0 && n - 1 - i < every / 2;
    if (!((i % every === 0 && !crowdsLast) || last)) return;
    // A first label wider than the margin would be cut at the left edge: it starts there instead.
    const atEdge = i === 0 && n > 1 && 3.5 * label.length > left;
    parts.push(`<text x="${atEdge ? 0 : x(i)}" y="${h - 12}" text-anchor="${atEdge ? 'start' : 'middle'}" class="x-label">${esc(label)}</text>`);
  });
  const shown = series.slice(0, SERIES_STYLES.length);
  // Series on the same stage would hide each other: each is drawn a few pixels apart.
  const offset = (k: number): number => (k - (shown.length - 1) / 2) * 3;
  const labels: { y: number; text: string; color: string }[] = [];
  shown.forEach((row, k) => {
    const style = SERIES_STYLES[k]!;
    const points = row.stages.map((s, i) => (s === undefined ? undefined : `${x(i)},${y(s) + offset(k)}`)).filter((p): p is string => p !== undefined);
    parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${style.color}" stroke-width="2.5" stroke-dasharray="${style.dash}"><title>${esc(row.label)}</title></polyline>`);
    if (n <= 120) {
      row.stages.forEach((s, i) => {
        if (s === undefined) return;
        const hollow = row.hollow?.[i] === true;
        parts.push(`<circle cx="${x(i)}" cy="${y(s) + offset(k)}" r="${n > 40 ? 2.5 : 3.5}" fill="${hollow ? '#fff' : style.color}" stroke="${style.color}"${hollow ? ' class="backfilled"' : ''}><title>${esc(`${row.label}: stage ${s} on ${xLabels[i]}${hollow ? ' (reconstructed from git history)' : ''}`)}</title></circle>`);
      });
    }
    let last = row.stages.length - 1;
    while (last >= 0 && row.stages[last] === undefined) last--;
    if (last >= 0) labels.push({ y: y(row.stages[last]!) + 4, text: row.label.length > 22 ? `${row.label.slice(0, 21)}…` : row.label, color: style.color });
  });
  // End labels pushed apart (14 px) so that series ending on the same stage stay readable.
  labels.sort((a, b) => a.y - b.y);
  for (let i = 1; i < labels.length; i++) labels[i]!.y = Math.max(labels[i]!.y, labels[i - 1]!.y + 14);
  for (const l of labels) parts.push(`<text x="${w - right + 8}" y="${l.y}" fill="${l.color}">${esc(l.text)}</text>`);
  return `<svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${w} ${h}" width="100%" class="${className}"><title>${esc(title)}</title>${parts.join('')}</svg>`;
}
