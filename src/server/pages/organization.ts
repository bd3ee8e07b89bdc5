import { stageChart } from '../../report/stage-chart.js';
import type { HistoryPoint, StoredAssessment } from '../../store/queries.js';
import type { ReportDiff } from '../../diff/compare.js';
import { day, esc, evidenceText, query, statusBadge, table } from '../html.js';

export interface OrganizationView {
  organization: string;
  organizations: string[];
  since: string;
  latest: StoredAssessment;
  series: HistoryPoint[];
  changes?: ReportDiff;
  previousId?: string;
}

type Capability = { id: string; name?: string; stage: number; status: string; required?: boolean; scope?: string; reason?: string; coverage?: { done?: number; total?: number } };
type Report = StoredAssessment['report'] & { toVerify?: { capability: string; reason: string }[]; capabilities: Capability[] };

const SINCE_CHOICES = ['90d', '6m', '1y', '2y', 'all'];

/** The stage of the organization over time, with each team's line (at most five), backfilled points hollow. */
export function trendChart(points: readonly HistoryPoint[], title: string, teams: readonly string[] = []): string {
  if (points.length === 0) return '<p class="empty">No assessment in this window.</p>';
  const labels = axisLabels(points.map((p) => p.at));
  const hollow = points.map((p) => p.kind === 'backfilled');
  const series = [{ label: 'organization', stages: points.map((p) => p.stage), hollow }];
  for (const team of teams.slice(0, 5)) series.push({ label: `team ${team}`, stages: points.map((p) => p.teams.find((t) => t.name === team)?.stage), hollow } as never);
  const backfilled = hollow.some(Boolean) ? '<p class="note">Hollow points were reconstructed from git history (<code>timeline --save</code>); filled ones were scanned.</p>' : '';
  return `<figure class="trend">${stageChart(series, labels, title)}<figcaption>${esc(title)}, ${points.length} assessments from ${esc(labels[0])} to ${esc(labels.at(-1))}.</figcaption></figure>${backfilled}`;
}

/**
 * The x axis's label of each point: its day, and its time as well where another point has the
 * same day (two scans on one day would otherwise show the same date twice, side by side).
 */
export function axisLabels(times: readonly string[]): string[] {
  const perDay = new Map<string, number>();
  for (const at of times) perDay.set(day(at), (perDay.get(day(at)) ?? 0) + 1);
  return times.map((at) => ((perDay.get(day(at)) ?? 0) > 1 ? `${day(at)} ${at.slice(11, 16)}` : day(at)));
}

/** Stage boxes 1 to 5: reached, or not yet. */
export function ladder(stage: number): string {
  const names = ['Bootstrapping and provisioning', 'Team-wide adoption', 'Project onboarding', 'Developer enablement', 'Cross-team adoption'];
  return `<ol class="ladder">${names.map((name, i) => `<li class="${i + 1 <= stage ? 'reached' : 'ahead'}"><span aria-hidden="true">${i + 1 <= stage ? '■' : '□'}</span> ${i + 1} ${esc(name)}<span class="sr"> — ${i + 1 <= stage ? 'reached' : 'not yet'}</span></li>`).join('')}</ol>`;
}

export function heatMap(report: Report, org: string): string {
  const capabilities = [...report.capabilities].sort((a, b) => a.stage - b.stage);
  if (report.teams.length === 0 || capabilities.length === 0) return '';
  const head = ['team', ...capabilities.map((c) => `<abbr title="${esc(`stage ${c.stage}: ${c.name ?? c.id}`)}">${esc(c.name ?? c.id)}</abbr>`)];
  const rows = report.teams.map((team) => {
    const own = new Map(((team as { capabilities?: Capability[] }).capabilities ?? []).map((c) => [c.id, c]));
    return [`<a href="/teams/${encodeURIComponent(team.name)}${esc(query({ org }))}">${esc(team.name)}</a> <span class="stage-chip">stage ${team.stage}</span>`, ...capabilities.map((c) => statusBadge(own.get(c.id)?.status))];
  });
  return `<section aria-labelledby="heat"><h2 id="heat">Teams × capabilities</h2>${table(head, rows, { className: 'heat' })}<p class="links"><a href="/capabilities.csv${esc(query({ org }))}">CSV</a></p></section>`;
}

export function changesSummary(changes: ReportDiff | undefined, org: string, previousId: string | undefined, latestId: string): string {
  if (!changes || !previousId) return '<section aria-labelledby="changes"><h2 id="changes">Since the previous assessment</h2><p class="empty">This is the first assessment recorded.</p></section>';
  // Regressions first (each said once, with its scope), then what moved forward.
  const lines: string[] = changes.regressions.slice(0, 12).map((r) => `<li class="regression"><strong>regression</strong> ${esc(r.message)}</li>`);
  if (changes.regressions.length > 12) lines.push(`<li class="regression">… and ${changes.regressions.length - 12} more regressions</li>`);
  const RANK: Record<string, number> = { missing: 1, partial: 2, met: 3 };
  if (changes.stage.to > changes.stage.from) lines.push(`<li class="gain"><strong>up</strong> organization stage ${changes.stage.from} → ${changes.stage.to}</li>`);
  for (const t of changes.teams) if ((t.stage.to ?? 0) > (t.stage.from ?? 0)) lines.push(`<li class="gain"><strong>up</strong> team ${esc(t.name)}: stage ${t.stage.from ?? '—'} → ${t.stage.to ?? '—'}</li>`);
  for (const c of changes.capabilities) {
    if ((RANK[c.status.to ?? ''] ?? 0) > (RANK[c.status.from ?? ''] ?? 0)) lines.push(`<li class="gain"><strong>up</strong> ${esc(c.name ?? c.id)} (${esc(c.scope)}): ${esc(c.status.from ?? '—')} → ${esc(c.status.to ?? '—')}</li>`);
  }
  const more = `<p class="links"><a href="/changes${esc(query({ org, from: previousId, to: latestId }))}">All changes between the two</a></p>`;
  return `<section aria-labelledby="changes"><h2 id="changes">Since the previous assessment</h2>${lines.length ? `<ul class="changes">${lines.join('')}</ul>` : '<p class="empty">Nothing changed.</p>'}${more}</section>`;
}

export function organizationPage(view: OrganizationView): string {
  const report = view.latest.report as Report;
  const org = view.organization;
  const summary = view.latest.summary;
  const teams = report.teams.map((t) => t.name);
  const picker = view.organizations.length > 1
    ? `<form method="get" action="/" class="filters"><label>Organization <select name="org">${view.organizations.map((o) => `<option${o === org ? ' selected' : ''}>${esc(o)}</option>`).join('')}</select></label><input type="hidden" name="since" value="${esc(view.since)}"><button>Show</button></form>`
    : '';
  const windows = `<p class="filters" aria-label="Window">Window: ${SINCE_CHOICES.map((s) => (s === view.since ? `<strong aria-current="true">${s}</strong>` : `<a href="/${esc(query({ org, since: s }))}">${s}</a>`)).join(' · ')}</p>`;
  const toVerify = (report.toVerify ?? []).length
    ? `<section aria-labelledby="verify"><h2 id="verify">To verify</h2><ul>${report.toVerify!.map((v) => `<li><strong>${esc(v.capability)}</strong>: ${esc(v.reason)}</li>`).join('')}</ul></section>`
    : '';
  const repositories = table(
    ['repository', 'team', 'kind', 'stage'],
    report.repositories.map((r) => [
      `<a href="/repositories/${encodeURIComponent(r.path)}${esc(query({ org }))}">${esc(r.path)}</a>`,
      esc(report.teams.find((t) => t.repositories.includes(r.path))?.name ?? ''),
      esc(r.kind ?? ''),
      String(r.stage),
    ]),
  );
  return `<h1>${esc(org)}</h1>${picker}
<section class="summary" aria-labelledby="now"><h2 id="now">Now</h2>
<p class="big-stage">Stage <strong>${summary.stage}</strong> of 5${summary.stageProvisional ? ' <span class="provisional">(provisional: some required capabilities could not be verified)</span>' : ''}</p>
${ladder(summary.stage)}
<p class="meta">Assessed ${esc(day(summary.at))} (<a href="/assessments/${encodeURIComponent(summary.id)}">${esc(summary.id)}</a>, ${esc(summary.kind)}).</p></section>
<section aria-labelledby="trend"><h2 id="trend">Stage over time</h2>${windows}${trendChart(view.series, `Stage of ${org} over time`, teams)}</section>
${changesSummary(view.changes, org, view.previousId, summary.id)}
${heatMap(report, org)}
${toVerify}
<section aria-labelledby="repos"><h2 id="repos">Repositories</h2>${repositories}<p class="links"><a href="/repositories.csv${esc(query({ org }))}">CSV</a></p></section>`;
}

/**
 * Evidence as a list, each item plain text (a file and line, an object, a history fact). A
 * regression's capability evidence (diff/compare.ts) is the capability, its status or its move,
 * and what blocks it, each blocker with its own file:line list.
 */
export function evidenceList(evidence: readonly unknown[] | undefined, limit = 10): string {
  if (!evidence || evidence.length === 0) return '';
  const items = evidence.slice(0, limit).map((e) => (isCapabilityEvidence(e) ? capabilityItem(e) : `<li><code>${esc(evidenceText(e))}</code></li>`));
  const more = evidence.length > limit ? `<li>… and ${evidence.length - limit} more</li>` : '';
  return `<ul class="evidence">${items.join('')}${more}</ul>`;
}

interface CapabilityEvidence {
  capability: string;
  scope?: string;
  /** A capability regression's new status, or a stage regression's move. */
  status?: string | { from?: string | null; to?: string | null };
  reason?: string;
  blockedBy?: { id: string; evidence?: unknown[] }[];
}

function isCapabilityEvidence(e: unknown): e is CapabilityEvidence {
  return typeof e === 'object' && e !== null && typeof (e as { capability?: unknown }).capability === 'string' && !('file' in e) && !('object' in e);
}

function capabilityItem(e: CapabilityEvidence): string {
  const status = typeof e.status === 'string' ? e.status : e.status ? `${e.status.from ?? '—'} → ${e.status.to ?? '—'}` : '';
  const blockers = (e.blockedBy ?? []).map((b) => `<li>blocked by <strong>${esc(b.id)}</strong>${evidenceList(b.evidence, 3)}</li>`).join('');
  const scope = e.scope ? ` (${esc(e.scope)})` : '';
  const reason = e.reason ? ` — ${esc(e.reason)}` : '';
  const blocked = blockers ? `<ul class="blockers">${blockers}</ul>` : '';
  return `<li class="capability-evidence"><strong>${esc(e.capability)}</strong>${scope}${status ? `: ${esc(status)}` : ''}${reason}${blocked}</li>`;
}
