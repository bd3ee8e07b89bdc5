import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServer } from './cluster-fixture.js';
import { alice, TestRepo } from '../history/git-fixture.js';
import { healthyIn, repoWith, runCli, warningsFor, type JsonReport } from './helpers.js';

/* eslint-disable no-control-regex -- these tests look for control characters on purpose */

/**
 * Hostile input through the real command line (`node bin/k8s-maturity.cjs scan DIR --format json`,
 * from dist/): exit 0, a warning naming the file and the reason, bounded time and memory. And
 * every limit flag, end to end: hitting a limit is a warning, never a failure.
 */

const MB = 1024 * 1024;

async function scanJson(dir: string, ...flags: string[]): Promise<{ report: JsonReport; run: Awaited<ReturnType<typeof runCli>> }> {
  const run = await runCli(['scan', dir, '--format', 'json', '--no-history', '--quiet', ...flags]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return { report: JSON.parse(run.stdout) as JsonReport, run };
}

function bigConfigMap(bytes: number): string {
  const parts = ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n'];
  let size = parts[0]!.length;
  for (let i = 0; size < bytes; i++) {
    const line = `  key${i}: "${'x'.repeat(80)}"\n`;
    parts.push(line);
    size += line.length;
  }
  return parts.join('');
}

describe('hostile input through the command line', () => {
  it('parses or refuses a 50 MB YAML file under --max-file-size 60 within bounded time and memory', async () => {
    const root = repoWith({ 'k8s/big.yaml': bigConfigMap(50 * MB) });
    const { report, run } = await scanJson(root, '--max-file-size', '60');
    expect(warningsFor(report, 'k8s/big.yaml')).toMatch(/^YAML: line 1: expands to more than 200000 nodes/);
    // About 450 MB in practice: the text, js-yaml's nodes until the node limit stops it.
    expect(run.maxRss).toBeLessThan(1_500 * MB);
    expect(healthyIn(report)).toBe(true);

    const skipped = await scanJson(root);
    expect(warningsFor(skipped.report, 'k8s/big.yaml')).toBe('too large to parse (50.0 MB > limit 5.0 MB): skipped');
    expect(skipped.run.maxRss).toBeLessThan(300 * MB);
  }, 240_000); // a hang guard only: two scans of 50 MB take minutes on a loaded 2-core machine

  it('runs no program named by a hostile .git/config during a full scan, history included', async () => {
    const traps = mkdtempSync(join(tmpdir(), 'k8sm-traps-'));
    const markers = join(traps, 'markers');
    mkdirSync(markers);
    const trap = (name: string): string => {
      const path = join(traps, name);
      writeFileSync(path, `#!/bin/sh\ntouch "${join(markers, name)}"\ncat\n`);
      chmodSync(path, 0o755);
      return path;
    };
    mkdirSync(join(traps, 'hooks'));
    for (const hook of ['post-checkout', 'post-index-change', 'reference-transaction', 'pre-auto-gc', 'post-merge']) {
      writeFileSync(join(traps, 'hooks', hook), `#!/bin/sh\ntouch "${join(markers, `hook-${hook}`)}"\n`);
      chmodSync(join(traps, 'hooks', hook), 0o755);
    }
    const repo = new TestRepo();
    repo.commit(alice, 10, { '.gitattributes': '* filter=x\n', 'k8s/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n', 'main.tf': 'resource "aws_eks_cluster" "main" {}\n' });
    for (const [key, value] of [
      ['core.fsmonitor', trap('fsmonitor')],
      ['core.hooksPath', join(traps, 'hooks')],
      ['filter.x.smudge', trap('smudge')],
      ['filter.x.clean', trap('clean')],
      ['filter.x.process', trap('process')],
      ['filter.x.required', 'true'],
      ['diff.external', trap('diff')],
      ['core.pager', trap('pager')],
      ['gpg.program', trap('gpg')],
      ['log.showSignature', 'true'],
      ['core.sshCommand', trap('ssh')],
    ] as const) {
      repo.git(['config', key, value]);
    }
    // A racy work tree: git would like to re-clean it through the filter.
    writeFileSync(join(repo.dir, 'main.tf'), 'resource "aws_eks_cluster" "main" { version = "1.30" }\n');
    const run = await runCli(['scan', repo.dir, '--format', 'json', '--quiet']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.repositories[0]!.detections.map((d) => d.id)).toEqual(expect.arrayContaining(['terraform', 'eks', 'k8s-manifests']));
    expect(readdirSync(markers)).toEqual([]);
  });

  it('keeps file names with newlines and terminal escapes from reaching the terminal in table, markdown and html', async () => {
    const evil = 'k8s/evil\n\u001b[2J\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007\u202e.yaml';
    const anchors = 'abcdefghi';
    const bomb = ['apiVersion: v1', 'kind: ConfigMap', 'data:', '  a: &a [x,x,x,x,x,x,x,x,x,x]', ...Array.from({ length: 8 }, (_, i) => `  ${anchors[i + 1]}: &${anchors[i + 1]} [${Array(10).fill(`*${anchors[i]}`).join(',')}]`)].join('\n');
    const root = repoWith({ [evil]: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: evil\n', 'k8s/\u001b[31mbomb\u001b[0m.yaml': bomb });
    const out = mkdtempSync(join(tmpdir(), 'k8sm-out-'));
    // Wide enough for the whole file name on its evidence line (the table is fitted to $COLUMNS).
    const run = await runCli(['scan', root, '--no-history', '--quiet', '--format', 'markdown', '--output', join(out, 'r.md'), '--format', 'html', '--output', join(out, 'r.html'), '--format', 'table'], { env: { COLUMNS: '400' } });
    expect(run.code).toBe(0);
    const table = run.stdout;
    expect(table).toContain('k8s/\\x1b[31mbomb\\x1b[0m.yaml');
    for (const text of [table, run.stderr, readFileSync(join(out, 'r.md'), 'utf8'), readFileSync(join(out, 'r.html'), 'utf8')]) {
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
    // A newline in a file name does not forge a line of the table.
    // (The file is named twice: as evidence, and in the reason the repository's kind is given.)
    const named = table.split('\n').filter((l) => l.includes('click'));
    expect(named.length).toBeGreaterThan(0);
    for (const line of named) expect(line).toContain('k8s/evil\\x0a\\x1b[2J');

    // With colour forced, the only escapes left are the table's own colours.
    const coloured = await runCli(['scan', root, '--no-history', '--quiet', '--format', 'table'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(coloured.stdout).toContain('\u001b[1m');
    expect(coloured.stdout.replace(/\u001b\[(1|2|22|31|32|33|36|39|90)m/g, '')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('every limit flag, end to end', () => {
  let api: ApiServer | undefined;
  afterAll(async () => {
    await api?.close();
  });

  it('--max-file-size skips a larger file with a warning', async () => {
    const root = repoWith({ 'k8s/two-mb.yaml': bigConfigMap(2 * MB) });
    const { report } = await scanJson(root, '--max-file-size', '1');
    expect(warningsFor(report, 'k8s/two-mb.yaml')).toMatch(/^too large to parse \(2\.0 MB > limit 1\.0 MB\): skipped$/);
    expect(healthyIn(report)).toBe(true);
  });

  it('--max-total-size stops reading once the repository has given that much', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 4; i++) files[`k8s/a${i}.yaml`] = bigConfigMap(0.6 * MB);
    const { report } = await scanJson(repoWith(files), '--max-total-size', '1');
    expect(report.warnings.some((w) => /^total read limit reached \(1048576 bytes\): skipped$/.test(w.message))).toBe(true);
  });

  it('--max-files lists no more than that many files', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`a/f${String(i).padStart(2, '0')}.txt`] = '';
    const { report } = await scanJson(repoWith(files), '--max-files', '5');
    expect(report.warnings.filter((w) => /^file limit reached \(5 files\)/.test(w.message))).toHaveLength(1);
  });

  it('--max-documents reads only the first documents of a file', async () => {
    const docs = Array.from({ length: 30 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}`).join('\n---\n');
    const { report } = await scanJson(repoWith({ 'k8s/many.yaml': docs }), '--max-documents', '10');
    expect(warningsFor(report, 'k8s/many.yaml')).toBe('YAML: line 1: 30 documents, over the limit of 10: only the first 10 were read');
    expect(healthyIn(report)).toBe(true);
  });

  it('--cluster-timeout skips a list that does not answer in time, with a warning', async () => {
    api = await startApiServer({ faults: { '/apis/apps/v1/statefulsets': { delayMs: 10_000 } } });
    const kubeconfig = api.kubeconfig();
    const run = await runCli(['scan', repoWith({}), '--format', 'json', '--no-history', '--quiet', '--kubeconfig', kubeconfig, '--cluster-timeout', '0.5']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport & { warnings: { file: string; message: string }[] };
    expect(report.warnings).toContainEqual(expect.objectContaining({ file: 'cluster:loopback-admin', message: 'list statefulsets.apps: no answer within 0.5s; skipped' }));
    await api.close();
    api = undefined;
  });

  it('--cluster-deadline ends a slow cluster read with a partial result and a warning', async () => {
    api = await startApiServer({ faults: { '/api/v1/pods': { delayMs: 10_000, page: 1 } } });
    const run = await runCli(['scan', repoWith({}), '--format', 'json', '--no-history', '--quiet', '--kubeconfig', api.kubeconfig(), '--cluster-deadline', '1.5']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.warnings.some((w) => /^deadline of 1\.5s exceeded: the result is partial/.test(w.message))).toBe(true);
  });

  it('refuses a limit that is not a positive number with exit 2 and one line', async () => {
    const run = await runCli(['scan', repoWith({}), '--max-files', '-3']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--max-files.*a positive number/);
  });
});
