import type { Timeline } from '../../timeline/timeline.js';
import { capabilityFirsts, day, evidenceText, stageRows } from './rows.js';

/** `timeline` on a terminal: the stage grid, when each capability was first met, and the milestones. */
export function renderTimelineTable(timeline: Timeline): string {
  const points = timeline.points;
  const lines: string[] = [];
  const span = points.length > 0 ? `${day(points[0]!.at)} → ${day(points.at(-1)!.at)}` : 'no points';
  lines.push(`k8s-maturity timeline · ${timeline.organization} · ${points.length} points, ${span}`, '');
  const rows = stageRows(timeline);
  const width = Math.min(40, Math.max(12, ...rows.map((r) => r.label.length + (r.kind === 'team' ? 5 : 0))));
  lines.push(`  ${'stage'.padEnd(width)}  ${points.map((p) => day(p.at)).join('  ')}`);
  for (const row of rows) {
    const label = (row.kind === 'team' ? `team ${row.label}` : row.label).slice(0, width).padEnd(width);
    lines.push(`  ${label}  ${row.stages.map((s) => (s === undefined ? '·' : String(s)).padStart(5).padEnd(10)).join('')}`.trimEnd());
  }
  lines.push('', 'Capabilities, first met');
  for (const c of capabilityFirsts(timeline)) {
    const when = c.firstMet ? day(c.firstMet) : 'not yet   ';
    lines.push(`  ${when}  stage ${c.stage} · ${c.name}${c.evidence ? `  (${c.evidence})` : ''}`);
  }
  if (timeline.milestones.length > 0) {
    lines.push('', 'Milestones');
    for (const m of timeline.milestones) {
      const proof = m.evidence[0] ? ` — ${evidenceText(m.evidence[0])}` : '';
      lines.push(`  ${day(m.at)}  ${m.message}${proof}`);
    }
  }
  if (timeline.warnings.length > 0) {
    lines.push('', 'Warnings');
    for (const w of timeline.warnings) lines.push(`  ${w.file}: ${w.message}`);
  }
  return `${lines.join('\n')}\n`;
}
