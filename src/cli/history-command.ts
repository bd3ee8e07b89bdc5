import type { HistoryPoint } from '../store/queries.js';
import { colorWanted, palette } from '../report/colors.js';
import { safeField } from '../report/sanitise.js';

export interface HistoryOptions {
  store?: string;
  config?: string;
  org?: string;
  team?: string;
  repo?: string;
  since?: string;
  format?: 'table' | 'json' | 'csv';
  color?: boolean;
}

/** `k8s-maturity history`: stage over time for the organization, a team or a repository. */
export async function runHistory(options: HistoryOptions): Promise<number> {
  const { storeSettings } = await import('./store-choice.js');
  const { openStore } = await import('../store/open.js');
  const { stageSeries } = await import('../store/queries.js');
  const { sinceToIso } = await import('../store/window.js');
  const settings = await storeSettings(options.store, options.config);
  const since = options.since !== undefined ? sinceToIso(options.since) : undefined;
  const format = options.format ?? (process.stdout.isTTY ? 'table' : 'json');
  const store = await openStore(settings.location);
  let points: HistoryPoint[];
  try {
    points = await stageSeries(store, {
      // The table draws one stage per row: the organization's, the team's or the repository's.
      ...(format === 'table' && options.team === undefined ? { teams: false } : {}),
      ...(format === 'table' && options.repo === undefined && options.team === undefined ? { repositories: false } : {}),
      ...(options.org !== undefined ? { organization: options.org } : {}),
      ...(options.team !== undefined ? { team: options.team } : {}),
      ...(options.repo !== undefined ? { repository: options.repo } : {}),
      ...(since !== undefined ? { since } : {}),
    });
  } finally {
    await store.close();
  }
  // A team or repository filter keeps the assessments that knew it.
  if (options.team !== undefined) points = points.filter((p) => p.teams.length > 0);
  if (options.repo !== undefined) points = points.filter((p) => p.repositories.length > 0);
  const subject = options.repo !== undefined ? { repository: options.repo } : options.team !== undefined ? { team: options.team } : undefined;
  if (format === 'json') process.stdout.write(historyJson(points, subject));
  else if (format === 'csv') process.stdout.write(historyCsv(points));
  else process.stdout.write(historyTable(points, options, colorWanted(process.stdout, options.color), settings.location.shown));
  return 0;
}

/** `history --format json`: assessments oldest first (shared/spec/memory-and-scale.md). */
export function historyJson(points: HistoryPoint[], subject?: { team?: string; repository?: string }): string {
  const assessments = points.map((p) => ({
    id: p.id,
    at: p.at,
    kind: p.kind,
    organization: p.organization,
    stage: p.stage,
    teams: p.teams,
    repositories: p.repositories.map((r) => ({ path: r.path, stage: r.stage, ...(r.team !== null ? { team: r.team } : {}) })),
  }));
  return `${JSON.stringify({ schemaVersion: 1, ...(subject ? { subject } : {}), assessments }, null, 2)}\n`;
}

/** Long form, one row per assessment and scope: easy to pivot in a spreadsheet. */
export function historyCsv(points: HistoryPoint[]): string {
  const rows = [['id', 'at', 'kind', 'organization', 'scope', 'name', 'stage']];
  for (const p of points) {
    rows.push([p.id, p.at, p.kind, p.organization, 'organization', p.organization, String(p.stage)]);
    for (const t of p.teams) rows.push([p.id, p.at, p.kind, p.organization, 'team', t.name, String(t.stage)]);
    for (const r of p.repositories) rows.push([p.id, p.at, p.kind, p.organization, 'repository', r.path, String(r.stage)]);
  }
  return `${rows.map((row) => row.map(csvField).join(',')).join('\n')}\n`;
}

function csvField(value: string): string {
  // A leading =, +, - or @ would run as a formula in a spreadsheet: quoted with an apostrophe.
  const guarded = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

const SPARK = ['·', '▁', '▂', '▄', '▅', '▇'];

/** The stage as a ladder: ■■■□□ 3. */
export function ladder(stage: number | undefined): string {
  if (stage === undefined) return '—    ';
  return `${'■'.repeat(stage)}${'□'.repeat(Math.max(0, 5 - stage))} ${stage}`;
}

export function historyTable(points: HistoryPoint[], options: HistoryOptions, color: boolean, storeShown: string): string {
  const p = palette(color);
  const subject = options.repo !== undefined ? `repository ${options.repo}` : options.team !== undefined ? `team ${options.team}` : options.org !== undefined ? `organization ${options.org}` : 'organization';
  if (points.length === 0) return `No assessments recorded${options.since ? ` since ${options.since}` : ''} for this ${subject.split(' ')[0]} in ${storeShown}: record one with \`k8s-maturity scan --save\`.\n`;
  const stageOf = (point: HistoryPoint): number | undefined =>
    options.repo !== undefined ? point.repositories[0]?.stage : options.team !== undefined ? point.teams[0]?.stage : point.stage;
  const stages = points.map(stageOf);
  const out: string[] = [];
  out.push(p.bold(`k8s-maturity history · ${safeField(subject)} · ${points.length} assessment${points.length === 1 ? '' : 's'}`));
  out.push(`  ${stages.map((s) => (s === undefined ? ' ' : SPARK[s] ?? '?')).join('')}  ${p.grey(`${points[0]!.at.slice(0, 10)} → ${points[points.length - 1]!.at.slice(0, 10)}`)}`, '');
  let previous: number | undefined;
  points.forEach((point, index) => {
    const stage = stages[index];
    const move = previous === undefined || stage === undefined || stage === previous ? '' : stage > previous ? p.green(`↑ from ${previous}`) : p.red(`↓ from ${previous}`);
    const org = options.org === undefined && new Set(points.map((x) => x.organization)).size > 1 ? `  ${safeField(point.organization)}` : '';
    out.push(`  ${point.at.slice(0, 16).replace('T', ' ')}  ${p.grey(point.id)}  ${point.kind.padEnd(10)}  ${ladder(stage)}  ${move}${org}`.trimEnd());
    if (stage !== undefined) previous = stage;
  });
  return `${out.join('\n')}\n`;
}
