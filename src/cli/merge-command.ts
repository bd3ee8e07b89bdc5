import type { Format } from './formats.js';
import type { OutputArgument, OutputTarget } from './outputs.js';
import { INPUT_ERRORS, type ScanOptions } from './scan-command.js';
import type { StoreSettings } from './store-choice.js';
import type { Store } from '../store/open.js';
import type { ShardRunRow } from '../shard/records.js';
import { Progress } from './progress.js';
import { toolVersion } from './version.js';

export interface MergeOptions {
  run: string;
  store?: string;
  config?: string;
  wait?: string;
  format?: Format[];
  output?: string[];
  outputArguments?: OutputArgument[];
  quiet?: boolean;
  color?: boolean;
}

/** How often a waiting merge looks at the shards again. */
const POLL_MS = 2_000;

/**
 * `merge --run ID [--wait 10m]`: the organization assessed from every shard's records, exactly as
 * one process scanning the same repositories would (the same code evaluates it: scanOrganization
 * with the recorded repositories), printed in any scan format and recorded as one `merged`
 * assessment. Exit 1 when shards are still missing (after waiting), 2 when it cannot run.
 */
export async function runMerge(options: MergeOptions): Promise<number> {
  try {
    return await merge(options);
  } catch (error) {
    if (error instanceof Error && INPUT_ERRORS.has(error.name)) {
      const { redactStoreUrl } = await import('../store/location.js');
      process.stderr.write(`k8s-maturity: ${redactStoreUrl(error.message)}\n`);
      return 2;
    }
    throw error;
  }
}

/**
 * `merge` from its options to its exit code: check the run, wait for the shards, then mergeRecords
 * (refuse mixed releases or configurations, assemble, write each output, record).
 */
async function merge(options: MergeOptions): Promise<number> {
  const { checkRunId } = await import('../shard/assign.js');
  const { parseWait, runStatus } = await import('../shard/status.js');
  const { pairOutputs } = await import('./outputs.js');
  const run = checkRunId(options.run);
  const waitMs = options.wait !== undefined ? parseWait(options.wait) : 0;
  const targets = pairOutputs(options.outputArguments ?? [], process.stdout.isTTY === true);
  const { storeSettings } = await import('./store-choice.js');
  const { openStore } = await import('../store/open.js');
  const records = await import('../shard/records.js');
  const settings = await storeSettings(options.store, options.config);
  const store = await openStore(settings.location);
  try {
    // Wait for every shard to finish, or say which have not.
    const deadline = Date.now() + waitMs;
    const progress = new Progress(process.stderr, !options.quiet);
    let rows = await records.shardRuns(store, run);
    let status = runStatus(run, rows);
    while (status.problem === undefined && status.missing.length > 0 && Date.now() < deadline) {
      const left = Math.ceil((deadline - Date.now()) / 1000);
      progress.update(`waiting for ${status.missing.length === 1 ? status.missing[0]!.reason : `${status.missing.length} shards of run ${run}`} (${left}s left)`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
      rows = await records.shardRuns(store, run);
      status = runStatus(run, rows);
    }
    progress.done();
    if (status.problem !== undefined) {
      process.stderr.write(`k8s-maturity: ${status.problem}\n`);
      return 2;
    }
    if (status.missing.length > 0) {
      const waited = waitMs > 0 ? ` after waiting ${options.wait}` : '';
      process.stderr.write(`k8s-maturity: run ${run} is not complete${waited}:\n${status.missing.map((m) => `  ${m.reason}\n`).join('')}`);
      return 1;
    }
    return await mergeRecords(store, run, rows, status.count!, { settings, options, targets });
  } finally {
    await store.close().catch(() => undefined);
  }
}

/** What mergeRecords needs besides the run: where the store and configuration are, the options, the reports to write. */
export interface MergeContext {
  settings: StoreSettings;
  options: Pick<MergeOptions, 'config' | 'quiet' | 'color'>;
  targets: OutputTarget[];
}

/**
 * The organization of a complete run assessed from its records, each report written, and recorded
 * as one `merged` assessment: `merge` after its wait, and the last shard of `scan --shard … --merge`.
 * Exit 0, or 2 when the shards ran another release or configuration than this merge.
 */
export async function mergeRecords(store: Store, run: string, rows: readonly ShardRunRow[], count: number, { settings, options, targets }: MergeContext): Promise<number> {
  const records = await import('../shard/records.js');
  const { shardWarnings } = await import('../shard/status.js');
  // The shards must have scanned with this release and this configuration, or the merge would mix two judgements.
  const { fileHash, newAssessmentId, sha256, whoRan } = await import('../store/run-facts.js');
  const configHash = fileHash(settings.configPath);
  for (const row of rows) {
    if (row.toolVersion !== undefined && row.toolVersion !== toolVersion()) {
      process.stderr.write(`k8s-maturity: shard ${row.index}/${row.count} ran k8s-maturity ${row.toolVersion}, this merge is ${toolVersion()}: run the shards and the merge with the same release\n`);
      return 2;
    }
    if ((row.configHash ?? null) !== (configHash ?? null)) {
      process.stderr.write(`k8s-maturity: shard ${row.index}/${row.count} ran with ${row.configHash ? 'another configuration' : 'no configuration file'} than this merge (${settings.configPath ?? 'none'}): give the merge the same --config as the shards\n`);
      return 2;
    }
  }

  const { entries, lastRecordedAt } = await records.shardEntries(store, run);
  const { scanToAssessment, writeReport } = await import('./scan-command.js');
  const scanOptions: ScanOptions = { ...(options.config ? { config: options.config } : {}), ...(options.quiet ? { quiet: true } : {}), ...(options.color === false ? { color: false } : {}) };
  const assessment = await scanToAssessment([], scanOptions, { recorded: { repositories: entries, warnings: shardWarnings(rows) } });
  for (const target of targets) await writeReport(assessment, target, scanOptions);

  // Recorded once per set of shard results: merging the same run again records nothing new.
  const { jsonReport, renderJson } = await import('../report/json.js');
  const { recordAssessment } = await import('../store/record.js');
  const { DEFAULT_MODEL_PATH } = await import('../model/load.js');
  const startedAt = rows.reduce((first, r) => (r.startedAt < first ? r.startedAt : first), rows[0]!.startedAt);
  const modelHash = fileHash(DEFAULT_MODEL_PATH);
  const id = `${newAssessmentId(new Date(startedAt)).slice(0, 15)}-${sha256(`${run}\n${lastRecordedAt}\n${entries.length}`).slice(0, 6)}`;
  // The JSON report's value, as `scan --save` records it: the assessment itself repeats the
  // organization's evidence in every repository (2,000 repositories ran out of memory storing it).
  const outcome = await recordAssessment(store, jsonReport(assessment), renderJson(assessment), {
    id,
    at: startedAt,
    durationMs: Date.parse(lastRecordedAt || startedAt) - Date.parse(startedAt),
    kind: 'merged',
    runId: run,
    toolVersion: toolVersion(),
    model: { name: 'default', version: assessment.model.version, ...(modelHash ? { hash: modelHash } : {}) },
    ...(configHash ? { configHash } : {}),
    ranBy: whoRan(),
    sources: [
      ...entries.map((e) => ({ kind: 'repository' as const, name: e.path, ...(e.commit ? { commit: e.commit } : {}) })),
      ...assessment.clusters.map((c) => ({ kind: 'cluster' as const, name: c.name })),
    ],
  });
  if (!options.quiet) {
    const what = outcome.recorded ? `recorded merged assessment ${outcome.id}` : `merged assessment ${outcome.id} was already recorded`;
    process.stderr.write(`k8s-maturity: run ${run}: ${count} shards, ${entries.length} repositories; ${what} in ${settings.location.shown}\n`);
  }
  return 0;
}
