import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module shared with bench/shards.mjs
import { generateSmallRepositories } from '../../bench/generate-small-repos.mjs';
import { openStore } from '../../src/store/open.js';
import { getAssessment } from '../../src/store/queries.js';
import type { StoreLocation } from '../../src/store/location.js';
import { freshStore, postgresAvailable } from '../store/engines.js';

/**
 * `scan --shard I/N --run ID --merge`, as the nightly CronJob's pods run it
 * (deploy/kubernetes/nightly): no merge process; the shard whose end completes the run merges it.
 * Real PostgreSQL, the real command line, the shards started together.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'k8s-maturity.cjs');
const SHARDS = 4;

let work: string;
let env: NodeJS.ProcessEnv;

function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('node', [CLI, ...args], { cwd: work, env: { ...env, ...extraEnv } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const describePg = postgresAvailable() || process.env.CI === 'true' ? describe : describe.skip;

describePg('shards that merge their run when the last one finishes', () => {
  let location: StoreLocation;
  let url: string;
  let paths: string[];
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'k8sm-shard-merge-'));
    env = { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: join(work, 'cache'), XDG_DATA_HOME: join(work, 'data'), XDG_STATE_HOME: join(work, 'state'), K8S_MATURITY_STORE: '' };
    paths = ((await generateSmallRepositories(join(work, 'repos'), 40)) as string[]).map((p) => p.slice(work.length + 1));
    location = await freshStore('postgres');
    url = (location as { url: string }).url;
  }, 120_000);

  it('records one merged assessment, the one `merge --run` makes, whichever shard finishes last', async () => {
    // The shards of one Job: the same arguments, each its index from JOB_COMPLETION_INDEX.
    const shards = await Promise.all(
      Array.from({ length: SHARDS }, (_, index) =>
        run(['scan', ...paths, '--shard', `auto/${SHARDS}`, '--run', 'k8s-maturity-nightly-29944920', '--merge', '--store', url, '--no-history'], { JOB_COMPLETION_INDEX: String(index) }),
      ),
    );
    for (const shard of shards) expect(shard.code, shard.stderr).toBe(0);
    expect(shards.every((s) => s.stdout === '')).toBe(true);
    const merged = shards.filter((s) => /run k8s-maturity-nightly-29944920: 4 shards, 40 repositories; (recorded merged assessment|merged assessment \S+ was already recorded)/.test(s.stderr));
    expect(merged.length).toBeGreaterThanOrEqual(1);
    expect(merged.filter((s) => s.stderr.includes('recorded merged assessment'))).toHaveLength(1);
    for (const shard of shards.filter((s) => !merged.includes(s))) expect(shard.stderr).toMatch(/run k8s-maturity-nightly-29944920: [0-3] of 4 shards finished; the last to finish merges\n/);

    // Merging again by hand finds the same assessment already recorded, and prints the report it holds.
    const again = await run(['merge', '--run', 'k8s-maturity-nightly-29944920', '--store', url, '--format', 'json']);
    expect(again.code).toBe(0);
    const id = /merged assessment (\S+) was already recorded/.exec(again.stderr)![1]!;
    const store = await openStore(location);
    try {
      const stored = await getAssessment(store, id);
      // What is recorded is the JSON report (as `scan --save` records it), not the larger assessment
      // behind it; apart from when each was made.
      const { generatedAt: _printedAt, ...printed } = JSON.parse(again.stdout) as Record<string, unknown>;
      const { generatedAt: _storedAt, ...recorded } = JSON.parse(JSON.stringify(stored!.report)) as Record<string, unknown>;
      expect(recorded).toEqual(printed);
      expect((printed.repositories as unknown[]).length).toBe(40);
      const kinds = await store.db.selectFrom('assessments').select(['kind', 'run_id']).execute();
      expect(kinds).toEqual([{ kind: 'merged', run_id: 'k8s-maturity-nightly-29944920' }]);
    } finally {
      await store.close();
    }
  }, 300_000);

  it('refuses --merge without --shard', async () => {
    const ran = await run(['scan', paths[0]!, '--merge', '--store', url]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('--merge goes with --shard I/N --run ID');
  }, 60_000);
});
