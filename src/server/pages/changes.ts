import type { ReportDiff } from '../../diff/compare.js';
import type { AssessmentSummary } from '../../store/queries.js';
import { day, esc, table } from '../html.js';
import { evidenceList } from './organization.js';

/** The diff between two assessments, regressions first, with a form to pick any two. */
export function changesPage(org: string, all: AssessmentSummary[], diff: ReportDiff | undefined, from: string | undefined, to: string | undefined): string {
  const option = (a: AssessmentSummary, selected: string | undefined) => `<option value="${esc(a.id)}"${a.id === selected ? ' selected' : ''}>${esc(day(a.at))} · stage ${a.stage} · ${esc(a.kind)} · ${esc(a.id)}</option>`;
  const form = `<form method="get" action="/changes" class="filters"><input type="hidden" name="org" value="${esc(org)}">
<label>From <select name="from">${all.map((a) => option(a, from)).join('')}</select></label>
<label>To <select name="to">${all.map((a) => option(a, to)).join('')}</select></label><button>Compare</button></form>`;
  if (!diff) return `<h1>Changes</h1>${form}<p class="empty">Fewer than two assessments are recorded: nothing to compare yet.</p>`;
  const regressions = diff.regressions.length
    ? `<ol class="regressions">${diff.regressions.map((r) => `<li><strong>${esc(r.kind)}</strong> · ${esc(r.scope)}: ${esc(r.message)}${evidenceList(r.evidence, 5)}</li>`).join('')}</ol>`
    : '<p class="empty">No regression.</p>';
  const stages = table(
    ['scope', 'from', 'to'],
    [
      ['organization', String(diff.stage.from), String(diff.stage.to)],
      ...diff.teams.filter((t) => t.stage.from !== t.stage.to).map((t) => [`team ${esc(t.name)}`, String(t.stage.from ?? '—'), String(t.stage.to ?? '—')]),
      ...diff.repositories.filter((r) => r.stage.from !== r.stage.to).map((r) => [esc(r.path), String(r.stage.from ?? '—'), String(r.stage.to ?? '—')]),
    ],
  );
  const capabilities = table(['capability', 'scope', 'from', 'to'], diff.capabilities.map((c) => [esc(c.name ?? c.id), esc(c.scope), esc(c.status.from ?? '—'), esc(c.status.to ?? '—')]));
  const signals = table(['signal', 'repository', 'change', 'evidence'], diff.signals.map((s) => [esc(s.id), esc(s.repository), esc(s.change), evidenceList(s.evidence, 3)]));
  return `<h1>Changes</h1>${form}<p class="meta">From ${esc(day(diff.from.at ?? ''))} (${esc(diff.from.id ?? '')}) to ${esc(day(diff.to.at ?? ''))} (${esc(diff.to.id ?? '')}).</p>
<section aria-labelledby="reg"><h2 id="reg">Regressions</h2>${regressions}</section>
<section aria-labelledby="stg"><h2 id="stg">Stages</h2>${stages}</section>
<section aria-labelledby="cap"><h2 id="cap">Capabilities</h2>${capabilities}</section>
<section aria-labelledby="sig"><h2 id="sig">Signals</h2>${signals}</section>`;
}
