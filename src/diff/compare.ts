import type { Coverage, Evidence } from '../core/types.js';
import type { ReportCapability, ReportShape } from './report-shape.js';

/**
 * What changed between two assessments (shared/spec/memory-and-scale.md, "A diff"). Pure: two JSON
 * reports in, the diff out; the store, report files and `scan --baseline` all come through here.
 */

export interface DiffEnd {
  id?: string;
  at?: string;
  file?: string;
}

type Move<T> = { from: T | null; to: T | null };

export interface Regression {
  kind: 'stage' | 'capability' | 'anti-pattern' | 'coverage';
  message: string;
  /** `organization`, `team:NAME` or `repository:PATH`. */
  scope: string;
  evidence: unknown[];
  /** For a pull-request comment: "This change introduces a plaintext Secret in payments-api (k8s/secret.yaml:3)". */
  sentence?: string;
}

export interface ReportDiff {
  schemaVersion: 1;
  from: DiffEnd;
  to: DiffEnd;
  organization?: string;
  stage: { from: number; to: number };
  teams: { name: string; stage: Move<number> }[];
  repositories: { path: string; stage: Move<number> }[];
  capabilities: { id: string; name?: string; scope: string; status: Move<string>; coverage?: Move<string> }[];
  signals: { id: string; repository: string; change: 'appeared' | 'disappeared'; evidence: Evidence[] }[];
  regressions: Regression[];
}

/** An anti-pattern signal of the model, and how a sentence names one occurrence of it. */
export interface AntiPattern {
  id: string;
  name: string;
}

/** How the change sentences name one occurrence; other anti-patterns are named by the model's name. */
const ANTI_PATTERN_PHRASES: Record<string, string> = {
  'static-secrets': 'a plaintext Secret',
  'eol-base-images': 'an end-of-life base image',
  'latest-tag-images': 'a `:latest` image',
};

export function antiPatternPhrase(pattern: AntiPattern): string {
  return ANTI_PATTERN_PHRASES[pattern.id] ?? `the anti-pattern "${pattern.name}"`;
}

const STATUS_RANK: Record<string, number | undefined> = { met: 3, partial: 2, missing: 1 };
/** Evidence listed per signal change; the report of either side has it all. */
const SIGNAL_EVIDENCE = 5;

export function compareReports(from: ReportShape, to: ReportShape, ends: { from: DiffEnd; to: DiffEnd }, antiPatterns: readonly AntiPattern[]): ReportDiff {
  const diff: ReportDiff = {
    schemaVersion: 1,
    from: { ...ends.from, ...(ends.from.at === undefined && from.generatedAt ? { at: from.generatedAt } : {}) },
    to: { ...ends.to, ...(ends.to.at === undefined && to.generatedAt ? { at: to.generatedAt } : {}) },
    ...(to.organization ? { organization: to.organization } : {}),
    stage: { from: from.stage, to: to.stage },
    teams: moves(from.teams, to.teams, (t) => t.name, (t) => t.stage).map(([name, stage]) => ({ name, stage })),
    repositories: moves(from.repositories, to.repositories, (r) => r.path, (r) => r.stage).map(([path, stage]) => ({ path, stage })),
    capabilities: [],
    signals: [],
    regressions: [],
  };
  const scopes = capabilityScopes(from, to);
  compareCapabilities(diff, scopes, to);
  compareSignals(diff, from, to, antiPatterns);
  stageRegressions(diff, new Set(scopes.map(([scope]) => scope)), to);
  diff.regressions.sort((a, b) => REGRESSION_ORDER[a.kind] - REGRESSION_ORDER[b.kind]);
  return diff;
}

/** A scope and its capabilities before and after. */
type Scope = [string, ReportCapability[] | undefined, ReportCapability[] | undefined];

/**
 * Capabilities per scope: the organization's, each team's, each service repository's own. A
 * platform capability is the organization's at every level, a service capability is judged per
 * repository: regressions are told where each is judged, so one change is one regression.
 */
function capabilityScopes(from: ReportShape, to: ReportShape): Scope[] {
  const scopes: Scope[] = [['organization', from.capabilities, to.capabilities]];
  const fromTeams = new Map(from.teams.map((t) => [t.name, t]));
  for (const team of to.teams) {
    const before = fromTeams.get(team.name);
    if (before) scopes.push([`team:${team.name}`, serviceOnly(before.capabilities), serviceOnly(team.capabilities)]);
  }
  const fromRepos = new Map(from.repositories.map((r) => [r.path, r]));
  for (const repo of to.repositories) {
    const before = fromRepos.get(repo.path);
    if (!before || (repo.kind ?? 'service') !== 'service') continue;
    scopes.push([`repository:${repo.path}`, serviceOnly(before.capabilities), serviceOnly(repo.capabilities)]);
  }
  return scopes;
}

/** Capabilities whose status or coverage changed, and the regressions where each is judged. */
function compareCapabilities(diff: ReportDiff, scopes: readonly Scope[], to: ReportShape): void {
  for (const [scope, before, after] of scopes) {
    const beforeById = new Map((before ?? []).map((c) => [c.id, c]));
    for (const now of after ?? []) {
      const was = beforeById.get(now.id);
      if (!was) continue;
      const wasCover = coverageText(was.coverage);
      const nowCover = coverageText(now.coverage);
      if (was.status !== now.status || wasCover !== nowCover) {
        diff.capabilities.push({
          id: now.id,
          ...(now.name ? { name: now.name } : {}),
          scope,
          status: { from: was.status, to: now.status },
          ...(wasCover !== nowCover ? { coverage: { from: wasCover ?? null, to: nowCover ?? null } } : {}),
        });
      }
      const judgedHere = scope.startsWith('repository:') ? now.scope !== 'platform' : scope === 'organization' && now.scope === 'platform';
      if (!judgedHere) continue;
      const down = STATUS_RANK[now.status] !== undefined && (STATUS_RANK[now.status] ?? 0) < (STATUS_RANK[was.status] ?? 0);
      if (down) {
        diff.regressions.push({
          kind: 'capability',
          scope,
          message: `${scopeName(scope, to)}: ${now.name ?? now.id} went from ${was.status} to ${now.status}`,
          evidence: [{ capability: now.id, status: now.status, ...(now.reason ? { reason: now.reason } : {}), ...blockers(now) }],
        });
      } else if (fell(was.coverage, now.coverage)) {
        diff.regressions.push({
          kind: 'coverage',
          scope,
          message: `${scopeName(scope, to)}: ${now.name ?? now.id} on ${nowCover} where it was ${wasCover}`,
          evidence: (now.coverage?.missing ?? []).slice(0, SIGNAL_EVIDENCE),
        });
      }
    }
  }
}

/** Signals that appeared or disappeared per repository and cluster, and anti-patterns brought in. */
function compareSignals(diff: ReportDiff, from: ReportShape, to: ReportShape, antiPatterns: readonly AntiPattern[]): void {
  const sources = (report: ReportShape) => {
    const map = new Map<string, Map<string, Evidence[]>>();
    for (const repo of report.repositories) map.set(repo.path, new Map(repo.detections.map((d) => [d.id, d.evidence])));
    for (const cluster of report.clusters ?? []) map.set(`cluster:${cluster.name}`, new Map(cluster.detections.map((d) => [d.id, d.evidence])));
    return map;
  };
  const before = sources(from);
  const after = sources(to);
  const patterns = new Map(antiPatterns.map((p) => [p.id, p]));
  for (const [source, signals] of after) {
    const was = before.get(source);
    if (!was) continue; // a repository new to the scan: its stage says so, every signal would be noise
    for (const [id, evidence] of signals) {
      if (!was.has(id)) diff.signals.push({ id, repository: source, change: 'appeared', evidence: evidence.slice(0, SIGNAL_EVIDENCE) });
      const pattern = patterns.get(id);
      if (!pattern) continue;
      const known = new Set((was.get(id) ?? []).map(evidenceKey));
      const fresh = evidence.filter((e) => !known.has(evidenceKey(e)));
      if (fresh.length > 0) {
        const places = fresh.length > 1 ? ` (${fresh.length} places)` : '';
        const more = fresh.length > 1 ? ` and ${fresh.length - 1} more` : '';
        diff.regressions.push({
          kind: 'anti-pattern',
          scope: source.startsWith('cluster:') ? source : `repository:${source}`,
          message: `${displayName(source, to)}: introduces ${antiPatternPhrase(pattern)}${places} (${evidenceText(fresh[0]!)})`,
          sentence: `This change introduces ${antiPatternPhrase(pattern)} in ${displayName(source, to)} (${evidenceText(fresh[0]!)}${more}).`,
          evidence: fresh.slice(0, SIGNAL_EVIDENCE).map((e) => ({ signal: id, ...e })),
        });
      }
    }
    for (const [id, evidence] of was) {
      if (!signals.has(id)) diff.signals.push({ id, repository: source, change: 'disappeared', evidence: evidence.slice(0, SIGNAL_EVIDENCE) });
    }
  }
  // A repository that joined the scan with an anti-pattern brings it in too.
  for (const [source, signals] of after) {
    if (before.has(source)) continue;
    for (const [id, evidence] of signals) {
      const pattern = patterns.get(id);
      if (!pattern || evidence.length === 0) continue;
      diff.regressions.push({
        kind: 'anti-pattern',
        scope: `repository:${source}`,
        message: `${displayName(source, to)}: introduces ${antiPatternPhrase(pattern)} (${evidenceText(evidence[0]!)})`,
        sentence: `This change introduces ${antiPatternPhrase(pattern)} in ${displayName(source, to)} (${evidenceText(evidence[0]!)}).`,
        evidence: evidence.slice(0, SIGNAL_EVIDENCE).map((e) => ({ signal: id, ...e })),
      });
    }
  }
}

/**
 * Stages that went down, with the capabilities that took them down as evidence. A repository
 * whose capabilities are not compared (a platform repository's are the organization's) takes
 * its causes from the organization, where they are judged.
 */
function stageRegressions(diff: ReportDiff, compared: ReadonlySet<string>, to: ReportShape): void {
  const stageDown = (scope: string, move: Move<number>) => {
    if (move.from === null || move.to === null || move.to >= move.from) return;
    const judgedAt = compared.has(scope) ? scope : 'organization';
    const noLongerMet = (c: ReportDiff['capabilities'][number]) => (STATUS_RANK[c.status.from ?? ''] ?? 0) === 3 && (STATUS_RANK[c.status.to ?? ''] ?? 0) < 3;
    const causes = diff.capabilities.filter((c) => (c.scope === judgedAt || scope === 'organization') && noLongerMet(c));
    diff.regressions.push({
      kind: 'stage',
      scope,
      message: `${scopeName(scope, to)} went from stage ${move.from} to ${move.to}`,
      evidence: dedupeBy(causes, (c) => c.id).map((c) => ({ capability: c.id, scope: c.scope, status: c.status })),
    });
  };
  stageDown('organization', diff.stage);
  for (const team of diff.teams) stageDown(`team:${team.name}`, team.stage);
  for (const repo of diff.repositories) stageDown(`repository:${repo.path}`, repo.stage);
}


const REGRESSION_ORDER: Record<Regression['kind'], number> = { 'anti-pattern': 0, stage: 1, capability: 2, coverage: 3 };

function serviceOnly(list: ReportCapability[] | undefined): ReportCapability[] {
  return (list ?? []).filter((c) => c.scope !== 'platform');
}

function moves<T>(before: readonly T[], after: readonly T[], key: (item: T) => string, value: (item: T) => number): [string, Move<number>][] {
  const out = new Map<string, Move<number>>();
  for (const item of before) out.set(key(item), { from: value(item), to: null });
  for (const item of after) out.set(key(item), { from: out.get(key(item))?.from ?? null, to: value(item) });
  return [...out];
}

function coverageText(coverage: Coverage | undefined): string | undefined {
  return coverage && coverage.total > 0 ? `${coverage.covered} of ${coverage.total} ${coverage.unit}` : undefined;
}

function fell(was: Coverage | undefined, now: Coverage | undefined): boolean {
  if (!was || !now || was.total === 0 || now.total === 0) return false;
  return now.covered / now.total < was.covered / was.total;
}

function blockers(c: ReportCapability): Record<string, unknown> {
  const blocked = (c as { blockedBy?: { id: string; evidence: Evidence[] }[] }).blockedBy;
  return blocked && blocked.length > 0 ? { blockedBy: blocked.map((b) => ({ id: b.id, evidence: b.evidence.slice(0, 3) })) } : {};
}

/** Evidence of the same finding on both sides: the line may move when a file is edited, the detail stays. */
function evidenceKey(e: Evidence): string {
  if ('file' in e) return `${e.repository ?? ''}\0${e.file}\0${e.detail ?? e.line}`;
  if ('object' in e) return `${e.cluster ?? ''}\0${e.object}\0${e.detail ?? ''}`;
  return JSON.stringify(e);
}

export function evidenceText(e: Evidence): string {
  if ('file' in e) return `${e.file}:${e.line}`;
  if ('object' in e) return e.object;
  if ('history' in e) return e.history;
  return e.attestation;
}

/** A repository as a sentence names it: its folder name ("payments-api"); `.` is the organization. */
export function displayName(path: string, report?: Pick<ReportShape, 'organization'>): string {
  if (path.startsWith('cluster:')) return `cluster ${path.slice('cluster:'.length)}`;
  const parts = path.replace(/\.git$/, '').split(/[/\\]/).filter((p) => p !== '' && p !== '.');
  return parts[parts.length - 1] ?? report?.organization ?? path;
}

export function scopeName(scope: string, report?: Pick<ReportShape, 'organization'>): string {
  if (scope === 'organization') return report?.organization ? `the organization ${report.organization}` : 'the organization';
  if (scope.startsWith('team:')) return `team ${scope.slice('team:'.length)}`;
  if (scope.startsWith('repository:')) return displayName(scope.slice('repository:'.length), report);
  return scope;
}

function dedupeBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && (seen.add(key(item)), true));
}
