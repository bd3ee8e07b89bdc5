import { stageChart } from '../../report/stage-chart.js';
import type { HistoryPoint, StoredAssessment } from '../../store/queries.js';
import { esc, table } from '../html.js';
import { axisLabels } from './organization.js';

type Evidence = { file?: string; line?: number; detail?: string; object?: string; history?: string };

/** A link to the file's line on the forge, when the report knows the repository's web address. */
function evidenceCell(e: Evidence, webUrl: string | undefined): string {
  if (e.file === undefined) return `<code>${esc(e.object ?? e.history ?? '')}</code>${e.detail ? ` ${esc(e.detail)}` : ''}`;
  const place = `${e.file}:${e.line ?? 1}`;
  const link = webUrl && /^https:\/\//.test(webUrl) ? `<a href="${esc(`${webUrl}/${e.file.split('/').map(encodeURIComponent).join('/')}#L${e.line ?? 1}`)}" rel="noreferrer">${esc(place)}</a>` : esc(place);
  return `<code>${link}</code>${e.detail ? ` ${esc(e.detail)}` : ''}`;
}

export function repositoryPage(path: string, latest: StoredAssessment, points: HistoryPoint[]): string | undefined {
  const repo = latest.report.repositories.find((r) => r.path === path) as
    | { path: string; kind?: string; kindReason?: string; stage: number; webUrl?: string; detections: { id: string; evidence: Evidence[]; coverage?: { done?: number; total?: number } }[]; warnings?: { file: string; message: string }[] }
    | undefined;
  if (!repo) return undefined;
  const webUrl = repo.webUrl ?? ((latest.report as { webUrls?: Record<string, string> }).webUrls ?? {})[path];
  const labels = axisLabels(points.map((p) => p.at));
  const series = [{ label: path, stages: points.map((p) => p.repositories.find((r) => r.path === path)?.stage), hollow: points.map((p) => p.kind === 'backfilled') }];
  const trend = points.length ? stageChart(series, labels, `Stage of ${path} over time`) : '<p class="empty">No assessment in this window.</p>';
  const detections = table(
    ['signal', 'evidence'],
    repo.detections.map((d) => [
      `<strong>${esc(d.id)}</strong>${d.coverage?.total ? ` (${d.coverage.done ?? 0} of ${d.coverage.total})` : ''}`,
      `<ul class="evidence">${d.evidence.slice(0, 10).map((e) => `<li>${evidenceCell(e, webUrl)}</li>`).join('')}${d.evidence.length > 10 ? `<li>… and ${d.evidence.length - 10} more</li>` : ''}</ul>`,
    ]),
  );
  const warnings = (repo.warnings ?? []).length ? table(['file', 'warning'], repo.warnings!.map((w) => [`<code>${esc(w.file)}</code>`, esc(w.message)])) : '<p class="empty">No warnings.</p>';
  return `<h1>${esc(path)}</h1><p class="big-stage">Stage <strong>${repo.stage}</strong> of 5 · ${esc(repo.kind ?? 'repository')}${repo.kindReason ? ` <span class="meta">(${esc(repo.kindReason)})</span>` : ''}</p>
<section aria-labelledby="trend"><h2 id="trend">Stage over time</h2><figure class="trend">${trend}</figure></section>
<section aria-labelledby="det"><h2 id="det">Detections</h2>${detections}</section>
<section aria-labelledby="warn"><h2 id="warn">Warnings</h2>${warnings}</section>`;
}
