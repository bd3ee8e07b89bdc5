import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { Repository } from '../../src/workspace/repository.js';
import { listFiles } from '../../src/sources/repository/list-files.js';

const base = mkdtempSync(join(tmpdir(), 'k8sm-repo-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('what a detector can read through Repository', () => {
  it('is only the files of the listing, whatever path it builds from file contents', () => {
    const root = join(base, 'tree');
    mkdirSync(join(root, 'overlays', 'prod'), { recursive: true });
    writeFileSync(join(base, 'outside.yaml'), 'kind: Secret\nstringData:\n  password: from-outside-the-tree\n');
    // A kustomization naming a patch outside the tree: the kind of path facts compute from content.
    writeFileSync(join(root, 'overlays', 'prod', 'kustomization.yaml'), 'patches:\n  - path: ../../../outside.yaml\n');
    writeFileSync(join(root, '.gitignore'), '.env\n');
    writeFileSync(join(root, '.env'), 'TOKEN=from-an-ignored-file\n');
    const { files } = listFiles(root, DEFAULT_LIMITS, { useGit: false });
    const repo = new Repository(root, 'tree', files, DEFAULT_LIMITS);

    expect(repo.text('overlays/prod/kustomization.yaml')).toContain('patches');
    expect(repo.text('overlays/prod/../../../outside.yaml')).toBeUndefined();
    expect(repo.text('../outside.yaml')).toBeUndefined();
    expect(repo.yaml('../outside.yaml')).toEqual([]);
    // Ignored by .gitignore, so not listed, so not read either.
    expect(repo.has('.env')).toBe(false);
    expect(repo.text('.env')).toBeUndefined();
    // Asking is not a problem worth a warning: the file is simply not part of the repository.
    expect(repo.warnings).toEqual([]);
  });

  it('reads a symlink to a file inside the tree (as its target), never one pointing out', () => {
    const root = join(base, 'links');
    mkdirSync(join(root, 'k8s'), { recursive: true });
    writeFileSync(join(root, 'k8s', 'app.yaml'), 'kind: Deployment\n');
    symlinkSync('app.yaml', join(root, 'k8s', 'alias.yaml'));
    symlinkSync(join(base, 'outside.yaml'), join(root, 'k8s', 'escape.yaml'));
    const listed = listFiles(root, DEFAULT_LIMITS, { useGit: false });
    const repo = new Repository(root, 'links', listed.files, DEFAULT_LIMITS);
    expect(listed.files.map((f) => f.path)).toEqual(['k8s/alias.yaml', 'k8s/app.yaml']);
    expect(repo.text('k8s/app.yaml')).toBe('kind: Deployment\n');
    // Listed because its target is inside the tree, so read as that target (it used to fail with ELOOP).
    expect(repo.text('k8s/alias.yaml')).toBe('kind: Deployment\n');
    expect(repo.text('k8s/escape.yaml')).toBeUndefined();
    expect(listed.warnings.map((w) => w.file)).toEqual(['k8s/escape.yaml']);
    expect(repo.warnings).toEqual([]);
  });
});
