import type { AssessmentSummary, StoredAssessment } from '../../store/queries.js';
import { day, esc, query, table } from '../html.js';

export function assessmentsPage(org: string, rows: AssessmentSummary[], kind: string | undefined): string {
  const kinds = ['', 'scan', 'backfilled', 'merged'];
  const form = `<form method="get" action="/assessments" class="filters"><input type="hidden" name="org" value="${esc(org)}"><label>Kind <select name="kind">${kinds.map((k) => `<option value="${k}"${k === (kind ?? '') ? ' selected' : ''}>${k || 'all'}</option>`).join('')}</select></label><button>Filter</button></form>`;
  const body = table(
    ['when', 'stage', 'kind', 'who', 'repositories', 'model', 'took', 'id'],
    rows.map((a) => [
      esc(a.at.replace('T', ' ').slice(0, 16)),
      `${a.stage}${a.stageProvisional ? '*' : ''}`,
      esc(a.kind),
      esc([a.ranBy.user, a.ranBy.host].filter(Boolean).join('@') + (a.ranBy.ciSystem ? ` (${a.ranBy.ciSystem}${a.ranBy.ciRunId ? ` #${a.ranBy.ciRunId}` : ''})` : '')),
      String(a.counts.repositories),
      esc(a.model.name ? `${a.model.name} v${a.model.version ?? '?'}` : ''),
      a.durationMs !== null ? `${(a.durationMs / 1000).toFixed(1)} s` : '',
      `<a href="/assessments/${encodeURIComponent(a.id)}">${esc(a.id)}</a>`,
    ]),
  );
  return `<h1>Assessments</h1>${form}${body}<p class="note">* provisional stage.</p><p class="links"><a href="/assessments.csv${esc(query({ org, kind }))}">CSV</a> · <a href="/api/assessments${esc(query({ org, kind }))}">JSON</a></p>`;
}

export function assessmentPage(stored: StoredAssessment): string {
  const a = stored.summary;
  const sources = table(['kind', 'name', 'commit'], stored.sources.map((s) => [esc(s.kind), esc(s.name), s.commit ? `<code>${esc(s.commit.slice(0, 12))}</code>` : '']));
  return `<h1>Assessment ${esc(a.id)}</h1>
<dl class="facts"><dt>When</dt><dd>${esc(a.at)}</dd><dt>Organization</dt><dd><a href="/${esc(query({ org: a.organization }))}">${esc(a.organization)}</a></dd>
<dt>Stage</dt><dd>${a.stage}${a.stageProvisional ? ' (provisional)' : ''}</dd><dt>Kind</dt><dd>${esc(a.kind)}</dd>
<dt>Run by</dt><dd>${esc([a.ranBy.user, a.ranBy.host].filter(Boolean).join('@') || 'unknown')}${a.ranBy.ciSystem ? ` in ${esc(a.ranBy.ciSystem)}` : ''}</dd>
<dt>Tool</dt><dd>${esc(a.toolVersion ?? '')}</dd><dt>Model</dt><dd>${esc(a.model.name ?? '')} ${esc(a.model.version ?? '')} <code>${esc((a.model.hash ?? '').slice(0, 12))}</code></dd>
<dt>Day</dt><dd>${esc(day(a.at))}</dd></dl>
<section aria-labelledby="src"><h2 id="src">Sources</h2>${sources}</section>
<p class="links"><a href="/api/assessments/${encodeURIComponent(a.id)}/report">The whole JSON report</a></p>`;
}
