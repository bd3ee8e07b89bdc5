import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { scanRepository } from '../../src/scan/scan-repository.js';
import { listFiles } from '../../src/sources/repository/list-files.js';
import { rawGit } from '../history/git-fixture.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'k8sm-crafted-index-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A version-2 index with a valid checksum listing `names` (sorted, as git keeps them): git reads
 * it without complaint and `ls-files` prints every name, `../` ones included.
 */
function craftIndex(names: string[]): Buffer {
  const entries = [...names].sort().map((name) => {
    const fixed = Buffer.alloc(62);
    fixed.writeUInt32BE(0o100644, 24);
    createHash('sha1').update('blob 0\0').digest().copy(fixed, 40);
    fixed.writeUInt16BE(name.length, 60);
    const entry = Buffer.concat([fixed, Buffer.from(name)]);
    return Buffer.concat([entry, Buffer.alloc(((entry.length + 8) & ~7) - entry.length)]);
  });
  const header = Buffer.from('DIRC\0\0\0\x02\0\0\0\0', 'latin1');
  header.writeUInt32BE(names.length, 8);
  const body = Buffer.concat([header, ...entries]);
  return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

describe('a git index crafted to list paths out of the tree', () => {
  it('is listed without them, with a warning, and nothing outside is read', async () => {
    const base = join(work, 'org');
    const root = join(base, 'repo');
    mkdirSync(join(root, 'deploy'), { recursive: true });
    rawGit(root, ['init', '--quiet']);
    writeFileSync(join(base, 'stolen.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: outside-the-tree\ndata:\n  password: aHVudGVyMg==\n');
    writeFileSync(join(root, 'deploy', 'app.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: inside\n');
    writeFileSync(join(root, '.git', 'index'), craftIndex(['../stolen.yaml', 'deploy/../../stolen.yaml', 'deploy/app.yaml']));
    // git itself prints them: the guard must be ours.
    expect(rawGit(root, ['ls-files'])).toContain('../stolen.yaml');
    for (const spareCore of [false, true]) {
      const listing = listFiles(root, DEFAULT_LIMITS, { spareCore });
      expect(listing.files.map((f) => f.path)).toEqual(['deploy/app.yaml']);
      expect(listing.warnings.map((w) => w.file).sort()).toEqual(['../stolen.yaml', 'deploy/../../stolen.yaml']);
      const scanned = JSON.stringify(await scanRepository(root, 'all', DEFAULT_LIMITS, { spareCore }));
      expect(scanned).not.toContain('outside-the-tree');
      expect(scanned).not.toContain('aHVudGVyMg==');
      expect(scanned).toContain('out of the scanned tree');
    }
  });
});
