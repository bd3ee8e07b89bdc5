import { palette } from '../report/colors.js';
import { text as mdText } from '../report/markdown.js';
import { safeDocument, safeField } from '../report/sanitise.js';
import { displayName, evidenceText, scopeName, type ReportDiff } from './compare.js';
import type { Evidence } from '../core/types.js';

/** `diff --format json`: the contract's shape. */
export function renderDiffJson(diff: ReportDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}

/**
 * The few sentences a pull-request comment opens with: stage moves, anti-patterns introduced,
 * capabilities gained and lost. Plain text (the caller escapes it for its format).
 */
export function changeSentences(diff: ReportDiff): string[] {
  const org = { ...(diff.organization ? { organization: diff.organization } : {}) };
  const sentences: string[] = [];
  const repoMoves = diff.repositories.filter((r) => r.stage.from !== null && r.stage.to !== null && r.stage.from !== r.stage.to);
  for (const repo of repoMoves) sentences.push(`This change moves ${displayName(repo.path, org)} from stage ${repo.stage.from} to ${repo.stage.to}.`);
  const orgMoved = diff.stage.from !== diff.stage.to;
  // With one repository its move is the organization's: said once.
  if (orgMoved && !(repoMoves.length === 1 && diff.repositories.length === 1)) sentences.push(`This change moves ${scopeName('organization', org)} from stage ${diff.stage.from} to ${diff.stage.to}.`);
  for (const team of diff.teams) {
    if (team.stage.from !== null && team.stage.to !== null && team.stage.from !== team.stage.to && diff.teams.length > 1) sentences.push(`This change moves team ${team.name} from stage ${team.stage.from} to ${team.stage.to}.`);
  }
  for (const r of diff.regressions) if (r.sentence) sentences.push(r.sentence);
  for (const c of diff.capabilities) {
    // Said where each capability is judged: platform ones for the organization, service ones per repository.
    if (c.scope.startsWith('team:') || (c.scope === 'organization' && diff.capabilities.some((r) => r.id === c.id && r.scope.startsWith('repository:')))) continue;
    const where = scopeName(c.scope, org);
    const name = c.name ?? c.id;
    const subject = c.scope === 'organization' ? capitalise(where) : where;
    if (c.status.to === 'met' && c.status.from !== 'met') sentences.push(`${subject} now meets ${name}.`);
    else if (c.status.from === 'met' && (c.status.to === 'missing' || c.status.to === 'partial')) sentences.push(`${subject} no longer meets ${name} (now ${c.status.to}).`);
    else if (c.coverage && c.status.from === c.status.to && c.coverage.from && c.coverage.to) sentences.push(`${subject}: ${name} on ${c.coverage.to}, was ${c.coverage.from}.`);
  }
  return sentences;
}

/** `diff --format markdown`, and the opening of a `scan --baseline` Markdown report. */
export function renderDiffMarkdown(diff: ReportDiff, options: { heading?: string } = {}): string {
  const out: string[] = [];
  out.push(`## ${options.heading ?? `Changes from ${endName(diff.from)} to ${endName(diff.to)}`}`, '');
  const sentences = changeSentences(diff);
  if (sentences.length === 0) out.push('No change in stages, capabilities, signals or anti-patterns.');
  for (const s of sentences) out.push(`- ${mdText(s).replace(/\\`:latest\\`/g, '`:latest`')}`);
  out.push('');
  if (diff.regressions.length > 0) {
    out.push(`**${diff.regressions.length} regression${diff.regressions.length === 1 ? '' : 's'}**`, '');
    for (const r of diff.regressions) {
      const evidence = r.evidence.map(evidenceLine).filter((e) => e !== '').slice(0, 3);
      out.push(`- ⚠️ ${mdText(r.message)}${evidence.length > 0 ? ` — ${evidence.map((e) => `\`${e.replace(/`/g, "'")}\``).join(', ')}` : ''}`);
    }
    out.push('');
  }
  const moved = [...diff.teams.map((t) => ({ name: `team ${t.name}`, stage: t.stage })), ...diff.repositories.map((r) => ({ name: r.path, stage: r.stage }))].filter((m) => m.stage.from !== m.stage.to);
  if (moved.length > 0 || diff.capabilities.length > 0 || diff.signals.length > 0) {
    out.push('<details><summary>Every change</summary>', '');
    if (moved.length > 0 || diff.stage.from !== diff.stage.to) {
      out.push('| Scope | Stage before | Stage after |', '|---|---|---|');
      if (diff.stage.from !== diff.stage.to) out.push(`| organization | ${diff.stage.from} | ${diff.stage.to} |`);
      for (const m of moved) out.push(`| ${mdText(m.name)} | ${m.stage.from ?? '—'} | ${m.stage.to ?? '—'} |`);
      out.push('');
    }
    if (diff.capabilities.length > 0) {
      out.push('| Capability | Scope | Before | After |', '|---|---|---|---|');
      for (const c of diff.capabilities) out.push(`| ${mdText(c.name ?? c.id)} | ${mdText(c.scope)} | ${statusCell(c.status.from, c.coverage?.from)} | ${statusCell(c.status.to, c.coverage?.to)} |`);
      out.push('');
    }
    if (diff.signals.length > 0) {
      out.push('| Signal | Where | Change | Evidence |', '|---|---|---|---|');
      for (const s of diff.signals) out.push(`| ${mdText(s.id)} | ${mdText(s.repository)} | ${s.change} | ${mdText(s.evidence.slice(0, 2).map(evidenceText).join(', '))} |`);
      out.push('');
    }
    out.push('</details>', '');
  }
  return safeDocument(`${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`);
}

/** `diff --format table`: the terminal view. */
export function renderDiffTable(diff: ReportDiff, options: { color: boolean }): string {
  const p = palette(options.color);
  const out: string[] = [];
  const arrow = (from: number | null, to: number | null) => (from === to ? p.dim(`${to}`) : `${from ?? '—'} → ${to === null ? '—' : (from ?? 0) > to ? p.red(String(to)) : p.green(String(to))}`);
  out.push(p.bold(`k8s-maturity diff · ${safeField(endName(diff.from))} → ${safeField(endName(diff.to))}`), '');
  out.push(`  Organization  stage ${arrow(diff.stage.from, diff.stage.to)}`);
  for (const t of diff.teams) if (t.stage.from !== t.stage.to) out.push(`  Team ${safeField(t.name)}  stage ${arrow(t.stage.from, t.stage.to)}`);
  for (const r of diff.repositories) if (r.stage.from !== r.stage.to) out.push(`  ${safeField(r.path)}  stage ${arrow(r.stage.from, r.stage.to)}`);
  out.push('');
  if (diff.regressions.length > 0) {
    out.push(p.red(p.bold(`Regressions (${diff.regressions.length})`)));
    for (const r of diff.regressions) {
      out.push(`  ${p.red('✘')} ${safeField(r.message)}`);
      for (const e of r.evidence.slice(0, 3)) {
        const line = evidenceLine(e);
        if (line !== '') out.push(`      ${p.grey(safeField(line))}`);
      }
    }
    out.push('');
  }
  if (diff.capabilities.length > 0) {
    out.push(p.bold('Capabilities'));
    for (const c of diff.capabilities) out.push(`  ${safeField(c.name ?? c.id)}  ${p.grey(safeField(c.scope))}  ${c.status.from}${c.coverage?.from ? ` (${c.coverage.from})` : ''} → ${c.status.to}${c.coverage?.to ? ` (${c.coverage.to})` : ''}`);
    out.push('');
  }
  if (diff.signals.length > 0) {
    out.push(p.bold('Signals'));
    for (const s of diff.signals) out.push(`  ${s.change === 'appeared' ? p.green('+') : p.red('-')} ${safeField(s.id)}  ${p.grey(safeField(s.repository))}${s.evidence[0] ? `  ${p.grey(safeField(evidenceText(s.evidence[0])))}` : ''}`);
    out.push('');
  }
  if (diff.regressions.length === 0 && diff.capabilities.length === 0 && diff.signals.length === 0 && diff.stage.from === diff.stage.to) out.push('No change in stages, capabilities, signals or anti-patterns.', '');
  return `${out.join('\n').trimEnd()}\n`;
}

function endName(end: ReportDiff['from']): string {
  return end.id ?? end.file ?? end.at ?? '?';
}

function statusCell(status: string | null, coverage: string | null | undefined): string {
  return `${status ?? '—'}${coverage ? ` (${mdText(coverage)})` : ''}`;
}

/** One evidence item of a regression as a line: a file line, a cluster object, or a capability's status. */
function evidenceLine(e: unknown): string {
  if (typeof e !== 'object' || e === null) return '';
  const item = e as Record<string, unknown>;
  if (typeof item.file === 'string' || typeof item.object === 'string' || typeof item.history === 'string') {
    const where = evidenceText(item as unknown as Evidence);
    const repo = typeof item.repository === 'string' ? `${item.repository}/` : '';
    return `${repo}${where}${typeof item.detail === 'string' ? ` (${item.detail})` : ''}`;
  }
  if (typeof item.capability === 'string') {
    const status = item.status as { from?: string; to?: string } | string | undefined;
    const move = typeof status === 'string' ? status : status ? `${status.from} → ${status.to}` : '';
    return `${item.capability}: ${move}${typeof item.reason === 'string' ? ` — ${item.reason}` : ''}`;
  }
  return '';
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
