import { hostname } from 'node:os';
import type { ScanOptions, ScanToAssessment } from './scan-options.js';
import { toolVersion } from './version.js';

/**
 * `scan … --shard I/N --run ID`: this process scans only the repositories the shard owns
 * (src/shard/assign.ts) and records each one's result in the store as it finishes; `merge --run
 * ID` assembles the organization. Nothing is printed on stdout: the report comes from the merge.
 */
export async function runShard(paths: string[], options: ScanOptions, scanToAssessment: ScanToAssessment): Promise<number> {
  const { checkRunId, owns, parseShard, shardLabel, ShardUsageError } = await import('../shard/assign.js');
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
  } finally {
    await store.close().catch(() => undefined);
  }
  if (!options.quiet) {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stderr.write(`k8s-maturity: shard ${shardLabel(shard)} of run ${run}: ${recorded} repositories recorded in ${settings.location.shown} (${seconds} s); assemble with \`k8s-maturity merge --run ${run}\`\n`);
  }
  return 0;
}
