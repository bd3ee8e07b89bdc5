import { existsSync, statSync } from 'node:fs';
import type { ReportDiff, DiffEnd } from '../diff/compare.js';
import type { ReportShape } from '../diff/report-shape.js';
import { colorWanted } from '../report/colors.js';

export interface DiffOptions {
  store?: string;
  config?: string;
  org?: string;
  format?: 'table' | 'json' | 'markdown';
  failOnRegression?: boolean;
  color?: boolean;
}

/**
 * `k8s-maturity diff [FROM [TO]]`: each side a recorded assessment (id, id prefix, date,
 * `latest`) or a JSON report file. Default: the last two recorded assessments.
 */
export async function runDiff(refs: string[], options: DiffOptions): Promise<number> {
  const { compareReports } = await import('../diff/compare.js');
  const { antiPatterns } = await import('./scan-memory.js');
  const sides = refs.slice(0, 2);
  let store: import('../store/open.js').Store | undefined;
  try {
    const openIfNeeded = async () => {
      if (store) return store;
      const { storeSettings } = await import('./store-choice.js');
      const { openStore } = await import('../store/open.js');
      store = await openStore((await storeSettings(options.store, options.config)).location);
      return store;
    };
    const filter = options.org !== undefined ? { organization: options.org } : {};
    let ends: { end: DiffEnd; report: ReportShape }[];
    if (sides.length < 2 && !sides.some(isFile)) {
      const { listAssessments, getAssessment } = await import('../store/queries.js');
      const s = await openIfNeeded();
      const given = sides.length === 1 ? [await resolveStored(s, sides[0]!, filter)] : [];
      const latest = await listAssessments(s, { ...filter, limit: 2 });
      const ids = sides.length === 1 ? [given[0]!, latest[0]?.id] : [latest[1]?.id, latest[0]?.id];
      if (ids.some((id) => id === undefined)) {
        const { StoreError } = await import('../store/location.js');
        throw new StoreError(`diff needs two assessments and ${s.location.shown} has ${latest.length}: record another with \`k8s-maturity scan --save\`, or give two JSON report files`);
      }
      ends = [];
      for (const id of ids as string[]) {
        const stored = (await getAssessment(s, id))!;
        ends.push({ end: { id, at: stored.summary.at }, report: stored.report });
      }
    } else {
      if (sides.length === 1) sides.push('latest');
      ends = [];
      for (const ref of sides) {
        if (isFile(ref)) {
          const { readPending } = await import('./save-command.js');
          ends.push({ end: { file: ref }, report: (await readPending(ref)).report });
          continue;
        }
        const { getAssessment } = await import('../store/queries.js');
        const s = await openIfNeeded();
        const id = await resolveStored(s, ref, filter);
        const stored = (await getAssessment(s, id))!;
        ends.push({ end: { id, at: stored.summary.at }, report: stored.report });
      }
    }
    const [from, to] = ends as [(typeof ends)[0], (typeof ends)[0]];
    const diff = compareReports(from.report, to.report, { from: from.end, to: to.end }, await antiPatterns());
    process.stdout.write(await renderDiff(diff, options.format ?? (process.stdout.isTTY ? 'table' : 'json'), colorWanted(process.stdout, options.color)));
    return options.failOnRegression && diff.regressions.length > 0 ? 1 : 0;
  } finally {
    await store?.close();
  }
}

async function resolveStored(store: import('../store/open.js').Store, ref: string, filter: { organization?: string }): Promise<string> {
  const { resolveAssessment } = await import('../store/queries.js');
  return (await resolveAssessment(store, ref, filter)).id;
}

function isFile(ref: string): boolean {
  try {
    return existsSync(ref) && statSync(ref).isFile();
  } catch {
    return false;
  }
}

export async function renderDiff(diff: ReportDiff, format: 'table' | 'json' | 'markdown', color: boolean): Promise<string> {
  const render = await import('../diff/render.js');
  if (format === 'json') return render.renderDiffJson(diff);
  if (format === 'markdown') return render.renderDiffMarkdown(diff);
  return render.renderDiffTable(diff, { color });
}
