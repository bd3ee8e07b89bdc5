import { stageChart } from '../../report/stage-chart.js';
import type { HistoryPoint, StoredAssessment } from '../../store/queries.js';
import { esc, query, statusBadge, table } from '../html.js';
import { axisLabels, evidenceList } from './organization.js';

type Capability = { id: string; name?: string; stage: number; status: string; required?: boolean; reason?: string; evidence?: unknown[]; coverage?: { done?: number; total?: number } };
type Step = { stage: number; capability: string; name: string; title: string; required: boolean; places?: { repository?: string; file?: string; line?: number; note: string }[]; doneWhen?: string };

export function teamPage(org: string, name: string, latest: StoredAssessment, points: HistoryPoint[]): string | undefined {
  const team = latest.report.teams.find((t) => t.name === name) as { name: string; stage: number; repositories: string[]; capabilities?: Capability[] } | undefined;
  if (!team) return undefined;
  const labels = axisLabels(points.map((p) => p.at));
  const hollow = points.map((p) => p.kind === 'backfilled');
  const series = [{ label: `team ${name}`, stages: points.map((p) => p.teams.find((t) => t.name === name)?.stage), hollow }];
  for (const repo of team.repositories.slice(0, 5)) series.push({ label: repo, stages: points.map((p) => p.repositories.find((r) => r.path === repo)?.stage), hollow });
  const trend = points.length ? stageChart(series, labels, `Stage of team ${name} over time`) : '<p class="empty">No assessment in this window.</p>';
  const capabilities = table(
    ['stage', 'capability', 'status', 'coverage', 'evidence or what is lacking'],
    [...(team.capabilities ?? [])]
      .sort((a, b) => a.stage - b.stage)
      .map((c) => [
        String(c.stage),
        `${esc(c.name ?? c.id)}${c.required === false ? ' <span class="optional">optional</span>' : ''}`,
        statusBadge(c.status),
        c.coverage?.total ? `${c.coverage.done ?? 0} of ${c.coverage.total}` : '',
        (c.evidence?.length ? evidenceList(c.evidence, 3) : '') + (c.reason ? `<p>${esc(c.reason)}</p>` : ''),
      ]),
  );
  const roadmap = ((latest.report as { roadmap?: Step[] }).roadmap ?? []).filter((s) => !s.places?.length || s.places.some((p) => p.repository === undefined || team.repositories.includes(p.repository)));
  const steps = roadmap.length
    ? `<ol class="roadmap">${roadmap.map((s) => `<li><strong>${esc(s.name)}</strong> (stage ${s.stage}${s.required ? '' : ', optional'}): ${esc(s.title)}${s.places?.length ? `<ul>${s.places.filter((p) => p.repository === undefined || team.repositories.includes(p.repository)).slice(0, 8).map((p) => `<li>${esc(p.repository ?? '')}${p.file ? ` <code>${esc(p.file)}${p.line ? `:${p.line}` : ''}</code>` : ''} ${esc(p.note)}</li>`).join('')}</ul>` : ''}${s.doneWhen ? `<p class="done-when">Done when: ${esc(s.doneWhen)}</p>` : ''}</li>`).join('')}</ol>`
    : '<p class="empty">No step left toward the next stage.</p>';
  const repos = team.repositories.map((r) => `<li><a href="/repositories/${encodeURIComponent(r)}${esc(query({ org }))}">${esc(r)}</a></li>`).join('');
  return `<h1>Team ${esc(name)}</h1><p class="big-stage">Stage <strong>${team.stage}</strong> of 5</p>
<section aria-labelledby="trend"><h2 id="trend">Trend</h2><figure class="trend">${trend}</figure></section>
<section aria-labelledby="caps"><h2 id="caps">Capabilities</h2>${capabilities}</section>
<section aria-labelledby="next"><h2 id="next">Next steps</h2>${steps}</section>
<section aria-labelledby="repos"><h2 id="repos">Repositories</h2><ul>${repos}</ul></section>`;
}
