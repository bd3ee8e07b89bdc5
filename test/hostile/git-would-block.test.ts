import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitWouldBlock } from '../../src/sources/git/git-files.js';
import { alice, rawGit, TestRepo } from '../history/git-fixture.js';
import { HEALTHY_MANIFEST, runCli, type JsonReport } from './helpers.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'k8sm-git-block-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A committed repository whose `.git/<file>` is then replaced by a FIFO, on which git would wait forever. */
function repositoryWithFifo(name: string, file: string): string {
  const root = join(work, name);
  mkdirSync(root);
  rawGit(root, ['init', '--quiet', '--initial-branch=main']);
  new TestRepo(root).commit(alice, 1, { 'deploy/web.yaml': HEALTHY_MANIFEST });
  rmSync(join(root, '.git', file));
  execFileSync('mkfifo', [join(root, '.git', file)]);
  return root;
}

describe('a .git folder holding a FIFO where git reads a file', () => {
  it('is found before git is started, for the folder and its sub-folders', () => {
    const root = repositoryWithFifo('fifo-config', 'config');
    expect(gitWouldBlock(root)).toBe('.git/config is not a regular file (git would wait on it)');
    expect(gitWouldBlock(join(root, 'deploy'))).toBe('../.git/config is not a regular file (git would wait on it)');
    expect(gitWouldBlock(work)).toBeUndefined();
  });

  it.each(['config', 'HEAD', 'index'])('does not stall a scan: .git/%s as a FIFO is a warning, the files are walked', async (file) => {
    const root = repositoryWithFifo(`fifo-scan-${file}`, file);
    const run = await runCli(['scan', root, '--format', 'json', '--quiet'], { env: { XDG_CACHE_HOME: join(work, `cache-${file}`) }, timeoutMs: 120_000 });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.repositories[0]!.detections.map((d) => d.id)).toContain('k8s-manifests');
    expect(JSON.stringify(report)).toContain(`.git/${file} is not a regular file`);
  }, 150_000); // a hang guard only: git on a FIFO would wait forever; the warning shows it never started
});
