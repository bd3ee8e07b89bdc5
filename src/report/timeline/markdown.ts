import type { Timeline } from '../../timeline/timeline.js';
import { capabilityFirsts, day, evidenceText, stageRows } from './rows.js';

/** Markdown cells carry text from scanned repositories: no table, link or HTML syntax gets through. */
function cell(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}

/** `timeline --format markdown`: for a wiki page or a quarterly review. */
export function renderTimelineMarkdown(timeline: Timeline): string {
  const points = timeline.points;
  const out: string[] = [`# Kubernetes maturity over time · ${cell(timeline.organization)}`, ''];
  out.push(`| | ${points.map((p) => day(p.at)).join(' | ')} |`, `|---|${points.map(() => '---:').join('|')}|`);
  for (const row of stageRows(timeline)) {
    const label = row.kind === 'organization' ? `**${cell(row.label)}**` : row.kind === 'team' ? `team ${cell(row.label)}` : `\`${row.label.replace(/`/g, "'")}\``;
    out.push(`| ${label} | ${row.stages.map((s) => (s === undefined ? '·' : String(s))).join(' | ')} |`);
  }
  out.push('', '## Capabilities, first met', '', '| capability | stage | first met | evidence |', '|---|---:|---|---|');
  for (const c of capabilityFirsts(timeline)) out.push(`| ${cell(c.name)} | ${c.stage} | ${c.firstMet ? day(c.firstMet) : 'not yet'} | ${c.evidence ? `\`${c.evidence.replace(/`/g, "'")}\`` : ''} |`);
  if (timeline.milestones.length > 0) {
    out.push('', '## Milestones', '');
    for (const m of timeline.milestones) out.push(`- ${day(m.at)} · ${cell(m.message)}${m.evidence[0] ? ` — \`${evidenceText(m.evidence[0]).replace(/`/g, "'")}\`` : ''}`);
  }
  return `${out.join('\n')}\n`;
}
