import { hostname } from 'node:os';
import type { ScanOptions, ScanToAssessment } from './scan-options.js';
import type { StoreSettings } from './store-choice.js';
import type { Store } from '../store/open.js';
import { toolVersion } from './version.js';

/**
 * `scan … --shard I/N --run ID`: this process scans only the repositories the shard owns
 * (src/shard/assign.ts) and records each one's result in the store as it finishes; `merge --run
 * ID` assembles the organization, or with `--merge` the last shard to finish does. Nothing is
 * printed on stdout: the report comes from the merge.
 */
export async function runShard(paths: string[], options: ScanOptions, scanToAssessment: ScanToAssessment): Promise<number> {
  const { checkRunId, owns, parseShard, shardLabel, ShardUsageError } = await import('../shard/assign.js');
  if (options.shard === undefined && options.merge) {
    throw new ShardUsageError('--merge goes with --shard I/N --run ID: the last shard of the run to finish merges it');
  }
  if (options.shard === undefined) throw new ShardUsageError('--run needs --shard I/N (or auto/N): a run is made of shards; a whole scan needs neither');
  if (options.run === undefined) throw new ShardUsageError('--shard needs --run ID: the shards of one scan share a run id, which `merge --run ID` assembles');
  const refused = (['save', 'baseline', 'failBelow', 'failOnRegression', 'format', 'output'] as const).find((k) => options[k] !== undefined && options[k] !== false);
  if (refused) throw new ShardUsageError(`--${refused.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} does not go with --shard: a shard records its repositories; \`merge --run ${options.run}\` writes reports, records the assessment and gates`);
  const shard = parseShard(options.shard);
  const run = checkRunId(options.run);

  const { storeSettings } = await import('./store-choice.js');
  const { openStore } = await import('../store/open.js');
  const { fileHash } = await import('../store/run-facts.js');
  const records = await import('../shard/records.js');
  const { readHeadFiles } = await import('../sources/git/read-head.js');
  const settings = await storeSettings(options.store, options.config);
  const store = await openStore(settings.location);
  const started = Date.now();
  let recorded = 0;
  let exitCode = 0;
  try {
    const configHash = fileHash(settings.configPath);
    await records.beginShard(store, run, shard, { toolVersion: toolVersion(), ...(configHash ? { configHash } : {}), host: hostname() });
    await scanToAssessment(paths, options, {
      shard: {
        owns: owns(shard),
        onPlanned: (planned, warnings) => records.planShard(store, run, shard, planned.length, warnings),
        onRepository: async (repository) => {
          const commit = repository.root ? readHeadFiles(repository.root)?.hash : undefined;
          await records.recordEntry(store, run, shard, { ...repository, ...(commit ? { commit } : {}) });
          recorded++;
        },
      },
    });
    await records.finishShard(store, run, shard, recorded);
    if (!options.quiet) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const next = options.merge ? '' : `; assemble with \`k8s-maturity merge --run ${run}\``;
      const where = settings.location.shown;
      process.stderr.write(`k8s-maturity: shard ${shardLabel(shard)} of run ${run}: ${recorded} repositories recorded in ${where} (${seconds} s)${next}\n`);
    }
    if (options.merge) exitCode = await mergeIfLast(store, run, settings, options, scanToAssessment);
  } finally {
    await store.close().catch(() => undefined);
  }
  return exitCode;
}

/**
 * `--merge`: the shard whose end completes the run merges it, so that a Kubernetes Job of N shards
 * needs no merge Job beside it (deploy/kubernetes/nightly). Each shard looks after its own end is
 * committed, so the last to finish sees every other end; two finishing together may both merge,
 * and the merged assessment's id (run, last record, count) makes the second record nothing.
 */
async function mergeIfLast(store: Store, run: string, settings: StoreSettings, options: ScanOptions, scanToAssessment: ScanToAssessment): Promise<number> {
  const { shardRuns } = await import('../shard/records.js');
  const { runStatus } = await import('../shard/status.js');
  const rows = await shardRuns(store, run);
  const status = runStatus(run, rows);
  if (status.problem !== undefined) {
    process.stderr.write(`k8s-maturity: ${status.problem}\n`);
    return 2;
  }
  if (status.missing.length > 0) {
    const finished = status.count! - status.missing.length;
    if (!options.quiet) process.stderr.write(`k8s-maturity: run ${run}: ${finished} of ${status.count} shards finished; the last to finish merges\n`);
    return 0;
  }
  const { mergeRecords } = await import('./merge-records.js');
  const mergeOptions = { ...(options.config ? { config: options.config } : {}), ...(options.quiet ? { quiet: true } : {}) };
  return mergeRecords(store, run, rows, status.count!, { settings, options: mergeOptions, targets: [], scanToAssessment });
}
