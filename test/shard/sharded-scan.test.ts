import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module shared with bench/shards.mjs
import { generateSmallRepositories } from '../../bench/generate-small-repos.mjs';
import { freshStore, postgresAvailable } from '../store/engines.js';

/**
 * The sharded flow of docs/scale.md against a real PostgreSQL, through the real command line:
 * 4 shard processes over 200 generated git repositories, one SIGKILLed half-way and run again,
 * then `merge`, compared with one process scanning the same repositories.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'k8s-maturity.cjs');
const REPOSITORIES = 200;
const SHARDS = 4;

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

let work: string;
let env: NodeJS.ProcessEnv;

function start(args: string[]): { done: Promise<Ran>; kill: () => void } {
  const child = spawn('node', [CLI, ...args], { cwd: work, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Ran>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { done, kill: () => child.kill('SIGKILL') };
}

const run = (args: string[]) => start(args).done;

/** The report without what differs between two runs of the same scan: when it was made. */
function comparable(json: string): unknown {
  const report = JSON.parse(json) as Record<string, unknown>;
  delete report.generatedAt;
  return report;
}

const CONFIG = `organization: acme
teams:
  - name: payments
    repositories: ['repos/repo-00[0-4]?']
  - name: storefront
    repositories: ['repos/repo-01*']
exemptions:
  - signal: static-secrets
    repository: repos/repo-0013
    reason: demo data only
  - signal: static-secrets
    repository: repos/does-not-exist
    reason: matches nothing, so both reports warn about it
kinds:
  - repository: repos/repo-0007
    kind: library
    reason: published as a module
`;

const describePg = postgresAvailable() || process.env.CI === 'true' ? describe : describe.skip;

describePg('sharded scan and merge on PostgreSQL', () => {
  let url: string;
  let paths: string[];
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'k8sm-shards-'));
    env = { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: join(work, 'cache'), XDG_DATA_HOME: join(work, 'data'), XDG_STATE_HOME: join(work, 'state'), K8S_MATURITY_STORE: '' };
    writeFileSync(join(work, 'org.yaml'), CONFIG);
    paths = ((await generateSmallRepositories(join(work, 'repos'), REPOSITORIES)) as string[]).map((p) => p.slice(work.length + 1));
    const location = await freshStore('postgres');
    url = (location as { url: string }).url;
  }, 120_000);

  it('gives the organization JSON of one process, with one row per repository, after a shard is killed half-way and run again', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const rowsOf = async (shard: number) => Number((await client.query('select count(*) from shard_results where run_id = $1 and shard_index = $2', ['nightly-1', shard])).rows[0].count);
      const shardArgs = (index: number) => ['scan', ...paths, '--config', 'org.yaml', '--shard', `${index}/${SHARDS}`, '--run', 'nightly-1', '--store', url, '--quiet', '--no-history'];

      // Shard 2 is killed once it has recorded a few repositories (and long before its last).
      const victim = start(shardArgs(2));
      const others = [0, 1, 3].map((index) => run(shardArgs(index)));
      let exited = false;
      void victim.done.then(() => (exited = true));
      while (!exited && (await rowsOf(2).catch(() => 0)) < 3) await new Promise((resolve) => setTimeout(resolve, 20));
      victim.kill();
      const victimRan = await victim.done;
      expect(victimRan.stderr).toBe('');
      expect(victimRan.signal).toBe('SIGKILL');
      for (const ran of await Promise.all(others)) expect(ran.stderr).toBe('');

      // The merge sees the killed shard as unfinished and names it (exit 1), records nothing.
      const early = await run(['merge', '--run', 'nightly-1', '--store', url, '--config', 'org.yaml', '--format', 'json']);
      expect(early.code).toBe(1);
      expect(early.stderr).toMatch(/run nightly-1 is not complete:\n {2}shard 2\/4 started at \S+ on \S+ with \d+ repositories to scan and has not finished/);
      expect(early.stdout).toBe('');
      const half = await rowsOf(2);
      expect(half).toBeGreaterThanOrEqual(3);

      const again = await run(shardArgs(2));
      expect(again.code).toBe(0);
      const planned = Number((await client.query('select planned from shard_runs where run_id = $1 and shard_index = 2', ['nightly-1'])).rows[0].planned);
      expect(half).toBeLessThan(planned); // it really was killed half-way
      expect(await rowsOf(2)).toBe(planned);

      const merged = await run(['merge', '--run', 'nightly-1', '--store', url, '--config', 'org.yaml', '--format', 'json', '--output', 'merged.json']);
      expect(merged.code).toBe(0);
      expect(merged.stderr).toMatch(/run nightly-1: 4 shards, 200 repositories; recorded merged assessment \S+/);

      // No duplicate: one row per repository, each shard's rows its own.
      const counts = (await client.query('select count(*) as rows, count(distinct repository) as repositories from shard_results where run_id = $1', ['nightly-1'])).rows[0];
      expect([Number(counts.rows), Number(counts.repositories)]).toEqual([REPOSITORIES, REPOSITORIES]);
      const perShard = (await client.query('select shard_index, count(*) from shard_results where run_id = $1 group by shard_index order by shard_index', ['nightly-1'])).rows;
      expect(perShard.map((r) => Number(r.shard_index))).toEqual([0, 1, 2, 3]);
      for (const row of perShard) expect(Number(row.count)).toBeGreaterThan(20); // a hash spreads 200 repositories over 4 shards

      // One process over the same repositories (its scan cache is warm from the shards: the same per-repository results, assembled its own way).
      const single = await run(['scan', ...paths, '--config', 'org.yaml', '--format', 'json', '--quiet', '--no-history']);
      expect(single.code).toBe(0);
      const mergedJson = readFileSync(join(work, 'merged.json'), 'utf8');
      expect(comparable(mergedJson)).toEqual(comparable(single.stdout));
      const report = JSON.parse(mergedJson) as { repositories: { path: string; kind: string; stage: number }[]; teams: { name: string; repositories: string[] }[]; warnings: { message: string }[] };
      expect(report.repositories.map((r) => r.path)).toEqual(paths);
      expect(report.teams.map((t) => [t.name, t.repositories.length])).toEqual([['payments', 50], ['storefront', 100]]);
      expect(report.repositories.find((r) => r.path === 'repos/repo-0007')!.kind).toBe('library');
      expect(report.warnings.some((w) => w.message.includes('matched nothing'))).toBe(true);
      expect(new Set(report.repositories.map((r) => r.stage)).size).toBeGreaterThan(0);

      // Recorded once as a merged assessment, which history lists.
      const history = await run(['history', '--store', url, '--format', 'json']);
      const assessments = (JSON.parse(history.stdout) as { assessments: { kind: string; stage: number }[] }).assessments;
      expect(assessments.map((a) => a.kind)).toEqual(['merged']);
      const runIds = (await client.query("select run_id, repository_count from assessments where kind = 'merged'")).rows;
      expect(runIds).toEqual([{ run_id: 'nightly-1', repository_count: REPOSITORIES }]);
    } finally {
      await client.end();
    }
  }, 300_000);

  it('merge --wait gives up after the wait and exits 1 naming the shard that never ran', async () => {
    const shard0 = await run(['scan', ...paths.slice(0, 6), '--shard', '0/2', '--run', 'half-run', '--store', url, '--quiet']);
    expect(shard0.code).toBe(0);
    const merge = await run(['merge', '--run', 'half-run', '--store', url, '--wait', '3s', '--format', 'json']);
    expect(merge.code).toBe(1);
    expect(merge.stderr).toContain('run half-run is not complete after waiting 3s:\n  shard 1/2 never started\n');
    expect(merge.stdout).toBe('');
    const none = await run(['merge', '--run', 'never-ran', '--store', url]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no shard of run never-ran has started');
  }, 120_000);
});
