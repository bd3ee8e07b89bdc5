import type { Assessment } from '../model/types.js';
import type { ShardRunRow } from '../shard/records.js';
import type { Store } from '../store/open.js';
import type { OutputTarget } from './outputs.js';
import type { ScanOptions, ScanToAssessment } from './scan-options.js';
import type { StoreSettings } from './store-choice.js';
import { toolVersion } from './version.js';

/** What mergeRecords needs besides the run: where the store and configuration are, the options, the reports to write. */
export interface MergeContext {
  settings: StoreSettings;
  options: { config?: string; quiet?: boolean; color?: boolean };
  targets: OutputTarget[];
  /** scan-command's, handed over rather than imported (scan-command hands over to shard-command, which merges). */
  scanToAssessment: ScanToAssessment;
  writeReport?: (assessment: Assessment, target: OutputTarget, options: ScanOptions) => Promise<void>;
}

/**
 * The organization of a complete run assessed from its records, each report written, and recorded
 * as one `merged` assessment: `merge` after its wait, and the last shard of `scan --shard … --merge`.
 * Exit 0, or 2 when the shards ran another release or configuration than this merge.
 */
export async function mergeRecords(
  store: Store,
  run: string,
  rows: readonly ShardRunRow[],
  count: number,
  { settings, options, targets, scanToAssessment, writeReport }: MergeContext,
): Promise<number> {
  const records = await import('../shard/records.js');
  const { shardWarnings } = await import('../shard/status.js');
  // The shards must have scanned with this release and this configuration, or the merge would mix two judgements.
  const { fileHash, newAssessmentId, sha256, whoRan } = await import('../store/run-facts.js');
  const configHash = fileHash(settings.configPath);
  for (const row of rows) {
    if (row.toolVersion !== undefined && row.toolVersion !== toolVersion()) {
      process.stderr.write(
        `k8s-maturity: shard ${row.index}/${row.count} ran k8s-maturity ${row.toolVersion}, this merge is ${toolVersion()}: ` +
          'run the shards and the merge with the same release\n',
      );
      return 2;
    }
    if ((row.configHash ?? null) !== (configHash ?? null)) {
      const ranWith = row.configHash ? 'another configuration' : 'no configuration file';
      process.stderr.write(
        `k8s-maturity: shard ${row.index}/${row.count} ran with ${ranWith} than this merge (${settings.configPath ?? 'none'}): ` +
          'give the merge the same --config as the shards\n',
      );
      return 2;
    }
  }

  const { entries, lastRecordedAt } = await records.shardEntries(store, run);
  const scanOptions: ScanOptions = {
    ...(options.config ? { config: options.config } : {}),
    ...(options.quiet ? { quiet: true } : {}),
    ...(options.color === false ? { color: false } : {}),
  };
  const assessment = await scanToAssessment([], scanOptions, { recorded: { repositories: entries, warnings: shardWarnings(rows) } });
  for (const target of targets) await writeReport?.(assessment, target, scanOptions);

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
