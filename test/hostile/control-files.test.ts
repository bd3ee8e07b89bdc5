import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readControlFile } from '../../src/sources/repository/read-file.js';
import { alice, TestRepo } from '../history/git-fixture.js';
import { HEALTHY_MANIFEST, runCli, type JsonReport } from './helpers.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'k8sm-control-files-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('small files the tool reads for itself (.git/HEAD, configurations, .mailmap)', () => {
  it('are read only when plain, small files: never through a link, never from a FIFO', () => {
    const dir = join(work, 'kinds');
    mkdirSync(dir);
    writeFileSync(join(dir, 'HEAD'), 'ref: refs/heads/main\n');
    symlinkSync('/dev/zero', join(dir, 'zero'));
    symlinkSync(join(dir, 'HEAD'), join(dir, 'link'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    writeFileSync(join(dir, 'huge'), Buffer.alloc(2 * 1024 * 1024, 0x61));
    expect(readControlFile(join(dir, 'HEAD'))).toBe('ref: refs/heads/main\n');
    for (const name of ['zero', 'link', 'fifo', 'huge', 'missing']) expect(readControlFile(join(dir, name))).toBeUndefined();
  });

  it('a committed `.mailmap -> /dev/zero` (git stores links) does not hang a cached scan', async () => {
    const repo = new TestRepo();
    const root = repo.dir;
    symlinkSync('/dev/zero', join(root, '.mailmap'));
    repo.commit(alice, 1, { 'deploy/web.yaml': HEALTHY_MANIFEST });
    // The cache is on (the default): the history entry's key covers .mailmap.
    const cache = join(work, 'cache');
    for (let run = 0; run < 2; run++) {
      const result = await runCli(['scan', root, '--format', 'json', '--quiet'], { env: { XDG_CACHE_HOME: cache }, timeoutMs: 20_000 });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as JsonReport;
      expect(report.repositories[0]!.detections.map((d) => d.id)).toContain('k8s-manifests');
    }
  }, 30_000);
});
