import { readFileSync } from 'node:fs';
import type { ReportDiff } from '../diff/compare.js';
import type { ReportShape } from '../diff/report-shape.js';
import type { Assessment } from '../model/types.js';
import type { Format } from './formats.js';
import { openEarly, recordPending, writeSpool, type OpenedStore } from './save-command.js';
import { readCommits, type KnownCommits } from '../store/run-facts.js';
import type { StoreSettings } from './store-choice.js';

/**
 * What `scan` does with memory: `--baseline FILE.json` compares the new assessment with an
 * earlier report (no store needed), `--save` records it. Loaded only when one of them is asked.
 */

export async function loadBaseline(file: string): Promise<ReportShape> {
  const { parseReport, ReportFileError } = await import('../diff/report-shape.js');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ReportFileError(`--baseline ${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const value = parseReport(text.replace(/^\uFEFF/, ''), file);
  // A spool file holds the report under `report`.
  return (value as unknown as { k8sMaturitySpool?: number; report?: ReportShape }).k8sMaturitySpool === 1 ? (value as unknown as { report: ReportShape }).report : value;
}

/** The anti-pattern signals of the model, for the diff's "newly appeared" regressions. */
export async function antiPatterns(): Promise<{ id: string; name: string }[]> {
  const { loadModel } = await import('../model/load.js');
  const model = await loadModel();
  return model.signals.filter((s) => s.kind === 'anti-pattern').map((s) => ({ id: s.id, name: s.name }));
}

export async function compareWithBaseline(baseline: ReportShape, assessment: Assessment, baselineFile: string): Promise<ReportDiff> {
  const { compareReports } = await import('../diff/compare.js');
  return compareReports(baseline, assessment, { from: { file: baselineFile }, to: { at: assessment.generatedAt } }, await antiPatterns());
}

/** The report with the comparison: Markdown and the table open with it; JSON carries it under `baseline`. */
export async function withComparison(text: string, format: Format, diff: ReportDiff, color: boolean): Promise<string> {
  const render = await import('../diff/render.js');
  switch (format) {
    case 'markdown':
      return `${render.renderDiffMarkdown(diff, { heading: 'Changes since the baseline' })}\n${text}`;
    case 'table':
      return `${render.renderDiffTable(diff, { color })}\n${text}`;
    case 'json': {
      const report = JSON.parse(text) as Record<string, unknown>;
      return `${JSON.stringify({ ...report, baseline: diff }, null, 2)}\n`;
    }
    default:
      return text;
  }
}

export interface SaveScanOptions {
  quiet?: boolean;
  cacheDir?: string;
  startedAt: Date;
  durationMs: number;
}

/**
 * A save begun before the scan. Once the scan has planned its repositories the store is opened
 * (driver and query builder loaded, migrations checked) on the main thread, which the scan's
 * workers leave idle; each repository's commit comes back with its scan (`onCommit`: the scan read
 * HEAD to check its stored listing), so after the scan only the spool and the transaction remain.
 * Opening touches nothing of the assessment; if it fails, the report is still spooled first and
 * the failure reported after it (save-command.ts, recordPending).
 */
export class BegunSave {
  private readonly commits = new Map<string, string>();
  private roots: readonly { path: string; root: string }[] | undefined;
  private opening: Promise<OpenedStore> | undefined;
  private taken = false;

  constructor(readonly settings: StoreSettings) {}

  /** The scan's plan (OrganizationScanOptions.onPlanned): the store is opened meanwhile. */
  planned(repositories: readonly { path: string; root: string }[]): void {
    if (this.roots) return;
    this.roots = repositories;
    // Never rejects: a failure is the save's to report, after the scan.
    this.opening = openEarly(this.settings.location);
  }

  /** A repository's commit as its scan read it (OrganizationScanOptions.onCommit). */
  scanned(path: string, commit: string): void {
    this.commits.set(path, commit);
  }

  /**
   * Each planned repository's commit: as its scan read it, else read now from its folder (a scan
   * without the cache does not read HEAD; undefined when not plain). Undefined if the scan never planned.
   */
  knownCommits(): KnownCommits | undefined {
    if (!this.roots) return undefined;
    return readCommits(this.roots, this.commits);
  }

  /** The store opened meanwhile (opened now if the scan never planned), or why it could not be: the taker closes it. */
  take(): Promise<OpenedStore> {
    this.taken = true;
    this.opening ??= openEarly(this.settings.location);
    return this.opening;
  }

  /** Closes the store if it was not taken (the scan failed): an open PostgreSQL pool would keep the process alive. */
  async abandon(): Promise<void> {
    if (this.taken || !this.opening) return;
    this.taken = true;
    const opened = await this.opening;
    if ('store' in opened) await opened.store.close().catch(() => undefined);
  }
}

/** `scan --save` or `store.save: true` in the configuration: the save begun, else undefined. */
export async function beginSave(options: { save?: boolean; store?: string; config?: string }): Promise<BegunSave | undefined> {
  const { storeSettings } = await import('./store-choice.js');
  const settings = await storeSettings(options.store, options.config);
  if (options.save !== true && !settings.saveByConfig) return undefined;
  return new BegunSave(settings);
}

/** `scan --save`: spool the JSON report, then record it in the store opened meanwhile; resolves to 0 or 2. */
export async function saveScan(assessment: Assessment, begun: BegunSave, options: SaveScanOptions): Promise<number> {
  const { jsonReportOnce, renderJsonBytes } = await import('../report/json.js');
  const { fileHash, newAssessmentId, sourceFacts, whoRan } = await import('../store/run-facts.js');
  const { DEFAULT_MODEL_PATH } = await import('../model/load.js');
  const { splitReport } = await import('../store/report-parts.js');
  const { settings } = begun;
  const known = begun.knownCommits();
  // The bytes a `--format json` output already wrote, if it did: spooled and cut into sections as they are.
  const reportText = renderJsonBytes(assessment);
  const facts = {
    id: newAssessmentId(options.startedAt),
    at: options.startedAt.toISOString(),
    durationMs: options.durationMs,
    kind: 'scan' as const,
    toolVersion: assessment.tool.version,
    model: { name: 'default', version: assessment.model.version, ...hashOf(fileHash(DEFAULT_MODEL_PATH)) },
    ...hashField(fileHash(settings.configPath)),
    ranBy: whoRan(),
    sources: await sourceFacts(assessment.repositories, assessment.clusters, {
      ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
      ...(known ? { known } : {}),
    }),
  };
  const report = jsonReportOnce(assessment);
  const spooling = writeSpool(facts, reportText).then(
    (file) => ({ file }),
    (error: unknown) => ({ error }),
  );
  // Cut and hashed here while the thread pool writes the spool; recorded only once it is written.
  const split = splitReport(report, reportText);
  const spooled = await spooling;
  if ('error' in spooled) {
    const { error } = spooled as { error: NodeJS.ErrnoException };
    process.stderr.write(`k8s-maturity: cannot write the spool file before recording: ${error.code ?? error.message}\n`);
    return 2;
  }
  return recordPending({
    location: settings.location,
    opened: begun.take(),
    // The report's value, not the Assessment: the store keeps the sections as the report has them.
    pending: { facts, report, reportText, split },
    spoolFile: spooled.file,
    ...(settings.keep ? { keep: settings.keep } : {}),
    ...(options.quiet ? { quiet: true } : {}),
  });
}

function hashOf(hash: string | undefined): { hash?: string } {
  return hash ? { hash } : {};
}

function hashField(hash: string | undefined): { configHash?: string } {
  return hash ? { configHash: hash } : {};
}
