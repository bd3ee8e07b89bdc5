import { readFileSync } from 'node:fs';
import type { ReportDiff } from '../diff/compare.js';
import type { ReportShape } from '../diff/report-shape.js';
import type { Assessment } from '../model/types.js';
import type { Format } from './formats.js';

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
  store?: string;
  config?: string;
  quiet?: boolean;
  cacheDir?: string;
  startedAt: Date;
  durationMs: number;
}

/** Whether this scan is to be recorded: `--save`, or `store.save: true` in the configuration. */
export async function saveWanted(options: { save?: boolean; store?: string; config?: string }): Promise<boolean> {
  if (options.save === true) return true;
  const { storeSettings } = await import('./store-choice.js');
  return (await storeSettings(options.store, options.config)).saveByConfig;
}

/** `scan --save`: spool the JSON report, then record it; resolves to 0 or 2. */
export async function saveScan(assessment: Assessment, options: SaveScanOptions): Promise<number> {
  const { storeSettings } = await import('./store-choice.js');
  const { jsonReportOnce, renderJsonBytes } = await import('../report/json.js');
  const { fileHash, newAssessmentId, sourceFacts, whoRan } = await import('../store/run-facts.js');
  const { DEFAULT_MODEL_PATH } = await import('../model/load.js');
  const { writeSpool, recordPending } = await import('./save-command.js');
  const settings = await storeSettings(options.store, options.config);
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
    sources: await sourceFacts(assessment.repositories, assessment.clusters, options.cacheDir ? { cacheDir: options.cacheDir } : {}),
  };
  let spoolFile: string;
  try {
    spoolFile = writeSpool(facts, reportText);
  } catch (error) {
    process.stderr.write(`k8s-maturity: cannot write the spool file before recording: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 2;
  }
  return recordPending({
    location: settings.location,
    // The report's value, not the Assessment: the store keeps the sections as the report has them.
    pending: { facts, report: jsonReportOnce(assessment), reportText },
    spoolFile,
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
