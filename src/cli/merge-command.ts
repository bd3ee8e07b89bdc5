import type { Format } from './formats.js';
import type { OutputArgument } from './outputs.js';
import { INPUT_ERRORS } from './scan-command.js';
import { Progress } from './progress.js';

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
    const { mergeRecords } = await import('./merge-records.js');
    const { scanToAssessment, writeReport } = await import('./scan-command.js');
    return await mergeRecords(store, run, rows, status.count!, { settings, options, targets, scanToAssessment, writeReport });
  } finally {
    await store.close().catch(() => undefined);
  }
}
