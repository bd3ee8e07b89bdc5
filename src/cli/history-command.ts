import type { HistoryPoint, LazyHistoryPoint } from '../store/queries.js';
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
  const { lazyStageSeries } = await import('../store/queries.js');
  const { sinceToIso } = await import('../store/window.js');
  const settings = await storeSettings(options.store, options.config);
  const since = options.since !== undefined ? sinceToIso(options.since) : undefined;
  const format = options.format ?? (process.stdout.isTTY ? 'table' : 'json');
  const store = await openStore(settings.location);
  let series: LazyHistoryPoint[];
  try {
    series = await lazyStageSeries(store, {
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
  const points = knownPoints(series, options);
  const subject = options.repo !== undefined ? { repository: options.repo } : options.team !== undefined ? { team: options.team } : undefined;
  // JSON is written a point at a time: a year of 200 repositories is 8 MB, never one string.
  if (format === 'json') writeChunks(historyJsonChunks(points, subject));
  else if (format === 'csv') process.stdout.write(historyCsv([...points]));
  else process.stdout.write(historyTable([...points], options, colorWanted(process.stdout, options.color), settings.location.shown));
  return 0;
}

/** Each point read from its summary; a team or repository filter keeps the assessments that knew it. */
function* knownPoints(series: readonly LazyHistoryPoint[], options: Pick<HistoryOptions, 'team' | 'repo'>): Generator<HistoryPoint> {
  for (const lazy of series) {
    const point = lazy.read();
    if (options.team !== undefined && point.teams.length === 0) continue;
    if (options.repo !== undefined && point.repositories.length === 0) continue;
    yield point;
  }
}

/** Pieces of text to stdout, gathered into writes of about 1 MB. */
function writeChunks(chunks: Iterable<string>): void {
  let pending: string[] = [];
  let size = 0;
  for (const chunk of chunks) {
    pending.push(chunk);
    size += chunk.length;
    if (size < 1 << 20) continue;
    process.stdout.write(pending.join(''));
    pending = [];
    size = 0;
  }
  if (pending.length > 0) process.stdout.write(pending.join(''));
}

/** `history --format json`: assessments oldest first (shared/spec/memory-and-scale.md). */
export function historyJson(points: Iterable<HistoryPoint>, subject?: { team?: string; repository?: string }): string {
  return [...historyJsonChunks(points, subject)].join('');
}

/** What JSON.stringify(value, null, 2) writes around one element of an array at depth 2. */
const ELEMENT_OPEN = '{\n  "a": [\n';
const ELEMENT_CLOSE = '\n  ]\n}';

/**
 * historyJson's text in pieces, one per assessment, the very text JSON.stringify(…, null, 2)
 * writes for the whole document: each assessment is stringified inside an array at the depth it
 * has in the document, then cut out of it.
 */
export function* historyJsonChunks(points: Iterable<HistoryPoint>, subject?: { team?: string; repository?: string }): Generator<string> {
  // Ends with `"assessments": []\n}`: opened before the first assessment, closed after the last.
  const empty = JSON.stringify({ schemaVersion: 1, ...(subject ? { subject } : {}), assessments: [] }, null, 2);
  let first = true;
  for (const p of points) {
    const assessment = {
      id: p.id,
      at: p.at,
      kind: p.kind,
      organization: p.organization,
      stage: p.stage,
      teams: p.teams,
      repositories: p.repositories.map((r) => ({ path: r.path, stage: r.stage, ...(r.team !== null ? { team: r.team } : {}) })),
    };
    const element = JSON.stringify({ a: [assessment] }, null, 2).slice(ELEMENT_OPEN.length, -ELEMENT_CLOSE.length);
    yield `${first ? `${empty.slice(0, -'[]\n}'.length)}[\n` : ',\n'}${element}`;
    first = false;
  }
  yield first ? `${empty}\n` : '\n  ]\n}\n';
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
