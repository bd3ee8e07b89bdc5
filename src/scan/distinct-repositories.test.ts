import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanWarning } from '../core/types.js';
import { distinctRepositories } from './distinct-repositories.js';

function tree(): string {
  const top = mkdtempSync(join(tmpdir(), 'k8sm-distinct-'));
  for (const folder of ['mono/.git', 'mono/services/api', 'mono/vendor/lib/.git', 'other']) mkdirSync(join(top, folder), { recursive: true });
  symlinkSync(join(top, 'other'), join(top, 'other-link'));
  return top;
}

describe('distinctRepositories', () => {
  it('keeps the first mention of a folder given twice (by another spelling or a symlink) and says so once', () => {
    const top = tree();
    const warnings: ScanWarning[] = [];
    const kept = distinctRepositories(
      [
        { path: 'other', root: join(top, 'other') },
        { path: 'other-link', root: join(top, 'other-link') },
        { path: './other/', root: join(top, 'other') + '/' },
      ],
      warnings,
    );
    expect(kept.map((r) => r.path)).toEqual(['other']);
    expect(warnings.map((w) => w.file)).toEqual(['other-link', './other/']);
    expect(warnings[0]!.message).toMatch(/same repository as other, given twice/);
  });

  it('leaves out a folder inside another given one of the same repository, whichever comes first', () => {
    const top = tree();
    const warnings: ScanWarning[] = [];
    const kept = distinctRepositories(
      [
        { path: 'mono/services/api', root: join(top, 'mono/services/api') },
        { path: 'mono', root: join(top, 'mono') },
      ],
      warnings,
    );
    expect(kept.map((r) => r.path)).toEqual(['mono']);
    expect(warnings).toEqual([{ file: 'mono/services/api', message: expect.stringMatching(/^inside mono, which is assessed whole/) }]);
  });

  it('keeps a nested repository with a .git of its own: the outer listing does not include its files', () => {
    const top = tree();
    const warnings: ScanWarning[] = [];
    const kept = distinctRepositories(
      [
        { path: 'mono', root: join(top, 'mono') },
        { path: 'mono/vendor/lib', root: join(top, 'mono/vendor/lib') },
      ],
      warnings,
    );
    expect(kept.map((r) => r.path)).toEqual(['mono', 'mono/vendor/lib']);
    expect(warnings).toEqual([]);
  });
});
