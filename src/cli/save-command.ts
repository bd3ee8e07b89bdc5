import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, write, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ReportShape } from '../diff/report-shape.js';
import type { StoreLocation } from '../store/location.js';
import type { Store } from '../store/open.js';
import type { SplitReport } from '../store/report-parts.js';
import type { RunFacts } from '../store/run-facts.js';
import type { Retention } from '../store/window.js';
import { spoolDir } from './store-choice.js';

/**
 * `scan --save` and `store push`. The report is written to a spool file before the store is
 * touched, so an unreachable store loses nothing: the file stays, and `store push` records it
 * later. Recording is one transaction; the spool file is removed only after it committed.
 */

const SPOOL_MARK = 'k8sMaturitySpool';

/**
 * The spool file: the run's facts and the JSON report, written whole then renamed. The report (16
 * MB for 200 repositories, given as bytes by `scan --save`, not converted to UTF-8 again) is
 * copied into the file by one write on libuv's thread pool: `scan --save` cuts and hashes its
 * sections on this thread meanwhile (scan-memory.ts), and records nothing before this resolves.
 */
export async function writeSpool(facts: RunFacts, reportText: string | Buffer, dir: string = spoolDir()): Promise<string> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${facts.id}.json`);
  const partial = `${file}.${process.pid}.partial`;
  const fd = openSync(partial, 'w', 0o600);
  try {
    writeSync(fd, `{"${SPOOL_MARK}":1,"facts":${JSON.stringify(facts)},"report":`);
    await writeAll(fd, typeof reportText === 'string' ? Buffer.from(reportText) : reportText);
    writeSync(fd, '}\n');
  } finally {
    closeSync(fd);
  }
  renameSync(partial, file);
  return file;
}

/** The bytes at the file's position, in one write unless the system writes fewer. */
async function writeAll(fd: number, bytes: Buffer): Promise<void> {
  for (let at = 0; at < bytes.length; ) {
    at += await new Promise<number>((resolve, reject) => write(fd, bytes, at, bytes.length - at, null, (error, n) => (error ? reject(error) : resolve(n))));
  }
}

export interface Pending {
  facts: RunFacts;
  report: ReportShape;
  /** The report as JSON.stringify(report, null, 2) writes it (as UTF-8 bytes, or a string). */
  reportText: string | Buffer;
  /** The report cut into its parts already (store/report-parts.ts, splitReport). */
  split?: SplitReport;
}

/** A spool file, or a plain JSON report (recorded as a scan made when it was generated). */
export async function readPending(file: string): Promise<Pending> {
  const { checkReport, ReportFileError } = await import('../diff/report-shape.js');
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ReportFileError(`${file}: ${(error as NodeJS.ErrnoException).code ?? 'not JSON'}: not a JSON report or spool file`);
  }
  const envelope = value as { [SPOOL_MARK]?: number; facts?: RunFacts; report?: unknown };
  if (envelope[SPOOL_MARK] === 1 && envelope.facts && typeof envelope.facts.id === 'string') {
    const report = checkReport(envelope.report, file);
    return { facts: envelope.facts, report, reportText: `${JSON.stringify(report, null, 2)}\n` };
  }
  const report = checkReport(value, file);
  const { newAssessmentId, whoRan, sha256 } = await import('../store/run-facts.js');
  const at = report.generatedAt && !Number.isNaN(Date.parse(report.generatedAt)) ? new Date(report.generatedAt) : new Date();
  const reportText = `${JSON.stringify(report, null, 2)}\n`;
  // The same report file pushed twice gets the same id, so it is recorded once.
  const id = `${newAssessmentId(at).slice(0, 15)}-${sha256(reportText).slice(0, 6)}`;
  return {
    facts: {
      id,
      at: at.toISOString(),
      kind: 'scan',
      ...(report.tool?.version ? { toolVersion: report.tool.version } : {}),
      ranBy: whoRan(),
      sources: [...report.repositories.map((r) => ({ kind: 'repository' as const, name: r.path })), ...(report.clusters ?? []).map((c) => ({ kind: 'cluster' as const, name: c.name }))],
    },
    report,
    reportText,
  };
}

/** A store opened ahead of recording, or what opening it threw. */
export type OpenedStore = { store: Store } | { error: unknown };

/** Starts opening the store (driver, migrations) and never rejects: recordPending reports a failure. */
export async function openEarly(location: StoreLocation): Promise<OpenedStore> {
  try {
    const { openStore } = await import('../store/open.js');
    return { store: await openStore(location) };
  } catch (error) {
    return { error };
  }
}

export interface RecordRequest {
  location: StoreLocation;
  /** The store opened already (openEarly); by default it is opened here. */
  opened?: Promise<OpenedStore>;
  pending: Pending;
  keep?: Retention;
  /** The spool file to remove once recorded. */
  spoolFile?: string;
  quiet?: boolean;
}

/** Records one pending assessment; resolves to the exit code (0, or 2 with one line on stderr). */
export async function recordPending(request: RecordRequest): Promise<number> {
  const { asStoreError } = await import('../store/open.js');
  const { recordAssessment } = await import('../store/record.js');
  const { pruneAssessments } = await import('../store/queries.js');
  const { location, pending } = request;
  let store: Store | undefined;
  try {
    const opened = await (request.opened ?? openEarly(location));
    if ('error' in opened) throw opened.error;
    store = opened.store;
    const outcome = await recordAssessment(store, pending.report, pending.reportText, pending.facts, pending.split);
    const pruned = request.keep ? await pruneAssessments(store, request.keep) : 0;
    if (request.spoolFile) rmSync(request.spoolFile, { force: true });
    if (!request.quiet) {
      const what = outcome.recorded ? `recorded assessment ${outcome.id}` : `assessment ${outcome.id} was already recorded`;
      process.stderr.write(`k8s-maturity: ${what} in ${location.shown}${pruned > 0 ? ` (${pruned} older pruned by store.keep)` : ''}\n`);
    }
    return 0;
  } catch (error) {
    const message = asStoreError(error, location, 'could not record the assessment in').message;
    const kept = request.spoolFile ? `; the report is kept in ${request.spoolFile}: record it later with \`k8s-maturity store push ${request.spoolFile}\`` : '';
    process.stderr.write(`k8s-maturity: ${message}${kept}\n`);
    return 2;
  } finally {
    await store?.close().catch(() => undefined);
  }
}

/** `store push [FILE...]`: the given spool or report files, else every file waiting in the spool. */
export async function runPush(files: string[], options: { store?: string; config?: string; quiet?: boolean }): Promise<number> {
  const { storeSettings } = await import('./store-choice.js');
  const settings = await storeSettings(options.store, options.config);
  const spool = spoolDir();
  const targets = files.length > 0 ? files.map((f) => resolve(f)) : listSpool(spool);
  if (targets.length === 0) {
    if (!options.quiet) process.stderr.write(`k8s-maturity: nothing waiting in ${spool}\n`);
    return 0;
  }
  let worst = 0;
  for (const file of targets) {
    const pending = await readPending(file);
    const inSpool = dirname(file) === spool && basename(file).endsWith('.json');
    const code = await recordPending({
      location: settings.location,
      pending,
      ...(settings.keep ? { keep: settings.keep } : {}),
      ...(inSpool ? { spoolFile: file } : {}),
      ...(options.quiet ? { quiet: true } : {}),
    });
    worst = Math.max(worst, code);
    if (code === 2) break; // the store is unreachable: the next files would fail the same way
  }
  return worst;
}

function listSpool(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}
