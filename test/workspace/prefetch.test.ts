import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { lineOf, parseYaml } from '../../src/parse/yaml.js';
import { Prefetch } from '../../src/workspace/prefetch.js';
import { scanListed } from '../../src/scan/scan-listed.js';
import { scanRepository } from '../../src/scan/scan-repository.js';
import { listFiles } from '../../src/sources/repository/list-files.js';
import { readIndexFiles } from '../../src/sources/git/read-index.js';

const readIndexPaths = (gitDir: string, commonDir: string) => readIndexFiles(gitDir, commonDir)?.map((file) => file.path);
import { alice, rawGit, TestRepo } from '../history/git-fixture.js';

const git = (cwd: string, ...args: string[]) => rawGit(cwd, args);

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  labels: { app: checkout, team: payments }
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: checkout
          image: ghcr.io/acme/checkout:1.4.2
          resources:
            limits: { cpu: 500m, memory: 256Mi }
          livenessProbe:
            httpGet: { path: /healthz, port: 8080 }
---
apiVersion: v1
kind: Service
metadata:
  name: checkout
spec:
  ports:
    - port: 80
      targetPort: 8080
`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'k8sm-prefetch-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A service repository as teams commit it: manifests, a chart, a workflow, code, a vendored folder. */
function serviceRepository(name: string, indexVersion?: number): string {
  const dir = join(work, name);
  const files: Record<string, string> = {
    'deploy/checkout.yaml': DEPLOYMENT,
    'deploy/configmap.yml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: checkout-config\ndata:\n  LOG_LEVEL: info\n',
    'charts/checkout/Chart.yaml': 'apiVersion: v2\nname: checkout\nversion: 0.3.1\n',
    'charts/checkout/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "checkout.fullname" . }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n',
    '.github/workflows/ci.yml': 'name: ci\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          go test ./...\n          docker build -t ghcr.io/acme/checkout .\n',
    'deploy/broken.yaml': 'apiVersion: v1\nkind: Service\nspec: [unclosed\n',
    'main.go': 'package main\n\nfunc main() {}\n',
    'Dockerfile': 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n',
    'vendor/github.com/x/y/deploy.yaml': 'kind: Deployment\n',
  };
  mkdirSync(dir);
  const repo = new TestRepo(dir);
  git(dir, 'init', '--quiet', '--initial-branch=main');
  repo.write(files);
  git(dir, 'add', '--all');
  if (indexVersion !== undefined) git(dir, 'update-index', '--index-version', String(indexVersion));
  repo.commit(alice, 1, {});
  return dir;
}

/** What `git ls-files --stage` says: the stage-0 plain files. */
function gitPlainFiles(dir: string): string[] {
  return git(dir, 'ls-files', '-s', '-z')
    .split('\0')
    .filter(Boolean)
    .map((line) => /^(\d{6}) [0-9a-f]+ (\d)\t(.*)$/s.exec(line)!)
    .filter((m) => (m[1] === '100644' || m[1] === '100755') && m[2] === '0')
    .map((m) => m[3]!);
}

describe("reading git's index file", () => {
  it.each([2, 3, 4])('lists the plain files git lists, index version %i', (version) => {
    const dir = serviceRepository(`index-v${version}`, version);
    writeFileSync(join(dir, 'run.sh'), '#!/bin/sh\n');
    execFileSync('chmod', ['+x', join(dir, 'run.sh')]);
    symlinkSync('deploy/checkout.yaml', join(dir, 'current.yaml'));
    writeFileSync(join(dir, 'later.yaml'), 'kind: Namespace\n');
    git(dir, 'add', 'run.sh', 'current.yaml');
    // Version 3 entries with extended flags: intent-to-add (and version 4's prefix compression of long paths).
    git(dir, 'add', '--intent-to-add', 'later.yaml');
    const expected = gitPlainFiles(dir);
    expect(expected).toContain('run.sh');
    expect(expected).not.toContain('current.yaml');
    expect(readIndexPaths(join(dir, '.git'), join(dir, '.git'))).toEqual(expected);
    // With the size git recorded for each (an intent-to-add entry has none yet).
    const sizes = Object.fromEntries(readIndexFiles(join(dir, '.git'), join(dir, '.git'))!.map((file) => [file.path, file.size]));
    expect(sizes['run.sh']).toBe(10);
    expect(sizes['later.yaml']).toBe(0);
    for (const path of expected.filter((p) => p !== 'later.yaml')) expect(sizes[path]).toBe(statSync(join(dir, path)).size);
    // Only the paths with a wanted ending, in any case (and not a control byte that differs from '.' by one bit).
    writeFileSync(join(dir, 'UPPER.YML'), 'kind: Namespace\n');
    writeFileSync(join(dir, 'odd\x0eyaml'), 'kind: Namespace\n');
    git(dir, 'add', 'UPPER.YML', 'odd\x0eyaml');
    const yaml = readIndexFiles(join(dir, '.git'), join(dir, '.git'), ['.yaml', '.yml'])!.map((file) => file.path);
    expect(yaml).toEqual(gitPlainFiles(dir).filter((path) => /\.ya?ml$/i.test(path)));
    expect(yaml).toContain('UPPER.YML');
  });

  it('leaves out skip-worktree entries and gives up on a damaged index', () => {
    const dir = serviceRepository('index-skip', 3);
    git(dir, 'update-index', '--skip-worktree', 'main.go');
    const paths = readIndexPaths(join(dir, '.git'), join(dir, '.git'))!;
    expect(paths).not.toContain('main.go');
    expect(paths).toContain('Dockerfile');
    const index = readFileSync(join(dir, '.git', 'index'));
    writeFileSync(join(dir, '.git', 'index'), index.subarray(0, 100));
    expect(readIndexPaths(join(dir, '.git'), join(dir, '.git'))).toBeUndefined();
    writeFileSync(join(dir, '.git', 'index'), Buffer.concat([Buffer.from('XXXX'), index.subarray(4)]));
    expect(readIndexPaths(join(dir, '.git'), join(dir, '.git'))).toBeUndefined();
  });
});

describe("git's index file, damaged", () => {
  it('never throws nor hangs, whatever its bytes: a list of paths or nothing', () => {
    const dir = serviceRepository('index-fuzz', 4);
    const gitDir = join(dir, '.git');
    const valid = readFileSync(join(gitDir, 'index'));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat(valid.length), (edits, cut) => {
        const bytes = Buffer.from(valid.subarray(0, Math.max(cut, 12)));
        for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value;
        writeFileSync(join(gitDir, 'index'), bytes);
        const paths = readIndexPaths(gitDir, gitDir);
        expect(paths === undefined || (Array.isArray(paths) && paths.every((p) => typeof p === 'string'))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('gives up on a version 4 index whose paths would grow without end', () => {
    // Header, then entries that each keep the whole previous path and add to it.
    const entries = 5000;
    const parts = [Buffer.from('DIRC'), Buffer.from([0, 0, 0, 4]), Buffer.alloc(4)];
    parts[2]!.writeUInt32BE(entries);
    for (let i = 0; i < entries; i++) {
      const fixed = Buffer.alloc(62);
      fixed.writeUInt32BE(0o100644, 24);
      parts.push(fixed, Buffer.from([0]), Buffer.from('abcdefgh\0'));
    }
    const dir = join(work, 'index-grow', '.git');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config'), '[core]\n');
    writeFileSync(join(dir, 'index'), Buffer.concat(parts));
    expect(readIndexPaths(dir, dir)).toBeUndefined();
  });
});

describe('prefetching YAML while git lists the files', () => {
  it('reads and parses the YAML files of the index as a scan would, and nothing vendored', async () => {
    const dir = serviceRepository('prefetch-plain');
    const prefetch = new Prefetch(dir, DEFAULT_LIMITS);
    await prefetch.run(() => false);
    const text = prefetch.text('deploy/checkout.yaml')!;
    expect(text).toBe(DEPLOYMENT);
    const parsed = prefetch.takeYaml('deploy/checkout.yaml', text)!;
    const fresh = parseYaml(DEPLOYMENT, { maxDocuments: DEFAULT_LIMITS.maxDocumentsPerFile, maxNodes: DEFAULT_LIMITS.maxNodesPerDocument });
    expect(parsed).toEqual(fresh);
    const spec = (parsed.documents[0]!.value as { spec: { template: { spec: { containers: object[] } } } }).spec;
    expect(lineOf(spec.template.spec.containers[0], 'image')).toBe(12);
    // Taken once; a parse is only given for the very text it came from.
    expect(prefetch.takeYaml('deploy/checkout.yaml', text)).toBeUndefined();
    expect(prefetch.takeYaml('deploy/configmap.yml', 'other text')).toBeUndefined();
    expect(prefetch.text('vendor/github.com/x/y/deploy.yaml')).toBeUndefined();
    expect(prefetch.text('main.go')).toBeUndefined();
  });

  it('reads ahead no more than the scan may read in all', async () => {
    const dir = serviceRepository('prefetch-limit');
    const prefetch = new Prefetch(dir, { ...DEFAULT_LIMITS, maxTotalBytes: 10 });
    await prefetch.run(() => false);
    const read = ['.github/workflows/ci.yml', 'charts/checkout/Chart.yaml', 'charts/checkout/templates/deployment.yaml', 'deploy/broken.yaml', 'deploy/checkout.yaml', 'deploy/configmap.yml'].filter(
      (path) => prefetch.text(path) !== undefined,
    );
    // The first file read passes the limit: nothing after it.
    expect(read).toEqual(['.github/workflows/ci.yml']);
  });

  it('never reads a path out of the tree that a crafted index names', async () => {
    const base = join(work, 'crafted-index');
    const root = join(base, 'repo');
    mkdirSync(join(root, '.git', 'objects'), { recursive: true });
    writeFileSync(join(base, 'outside.yaml'), 'kind: Secret\n');
    writeFileSync(join(root, 'inside.yaml'), 'kind: ConfigMap\n');
    const names = ['../outside.yaml', 'inside.yaml', './inside.yaml', '/etc/hosts.yaml'];
    const entries = names.map((name) => {
      const fixed = Buffer.alloc(62);
      fixed.writeUInt32BE(0o100644, 24);
      fixed.writeUInt16BE(name.length, 60);
      const entry = Buffer.concat([fixed, Buffer.from(name)]);
      return Buffer.concat([entry, Buffer.alloc(((entry.length + 8) & ~7) - entry.length)]);
    });
    const header = Buffer.from('DIRC\0\0\0\x02\0\0\0\0', 'latin1');
    header.writeUInt32BE(names.length, 8);
    writeFileSync(join(root, '.git', 'index'), Buffer.concat([header, ...entries, Buffer.alloc(20)]));
    writeFileSync(join(root, '.git', 'config'), '[core]\n');
    expect(readIndexPaths(join(root, '.git'), join(root, '.git'))).toEqual(names);
    const prefetch = new Prefetch(root, DEFAULT_LIMITS);
    await prefetch.run(() => false);
    expect(prefetch.text('inside.yaml')).toBe('kind: ConfigMap\n');
    expect(names.filter((name) => name !== 'inside.yaml').map((name) => prefetch.text(name))).toEqual([undefined, undefined, undefined]);
  });

  it('never reads through a tracked folder since replaced by a symlink out of the tree', async () => {
    const dir = serviceRepository('prefetch-symlink');
    const outside = join(work, 'outside-secrets');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'checkout.yaml'), 'kind: Secret\ndata:\n  password: aHVudGVyMg==\n');
    rmSync(join(dir, 'deploy'), { recursive: true });
    symlinkSync(outside, join(dir, 'deploy'));
    const prefetch = new Prefetch(dir, DEFAULT_LIMITS);
    await prefetch.run(() => false);
    expect(prefetch.text('deploy/checkout.yaml')).toBeUndefined();
    expect(prefetch.text('charts/checkout/Chart.yaml')).toBeDefined();
    const scanned = await scanRepository(dir, 'all', DEFAULT_LIMITS, { spareCore: true });
    expect(JSON.stringify(scanned)).not.toContain('aHVudGVyMg==');
    expect(JSON.stringify(scanned)).not.toContain('outside-secrets');
  });

  it('stops when git is done, and a scan with prefetched files gives what a scan without them gives', async () => {
    const dir = serviceRepository('prefetch-same');
    const stopped = new Prefetch(dir, DEFAULT_LIMITS);
    await stopped.run(() => true);
    expect(stopped.text('deploy/checkout.yaml')).toBeUndefined();
    // Edited after the commit: the work tree, not the index, is what a scan reads.
    writeFileSync(join(dir, 'deploy', 'configmap.yml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: edited\n');
    const prefetch = new Prefetch(dir, DEFAULT_LIMITS);
    await prefetch.run(() => false);
    const prefetchedText = prefetch.text('deploy/checkout.yaml')!;
    expect(prefetchedText).toBe(DEPLOYMENT);
    const withPrefetch = await scanListed(dir, dir, listFiles(dir, DEFAULT_LIMITS), 'all', DEFAULT_LIMITS, undefined, prefetch);
    const without = await scanListed(dir, dir, listFiles(dir, DEFAULT_LIMITS), 'all', DEFAULT_LIMITS);
    expect(withPrefetch).toEqual(without);
    // The scan took the prefetched parse (it is given once).
    expect(prefetch.takeYaml('deploy/checkout.yaml', prefetchedText)).toBeUndefined();
    expect(withPrefetch.warnings.map((w) => w.file)).toContain('deploy/broken.yaml');
    expect(JSON.stringify(withPrefetch)).toContain('deploy/checkout.yaml');
    expect(JSON.stringify(withPrefetch)).toContain('edited');
    // And through the whole pipeline, where git's listing decides what the prefetched files are worth.
    const scanned = await scanRepository(dir, 'all', DEFAULT_LIMITS, { spareCore: true });
    expect({ kind: scanned.kind, detections: scanned.detections, warnings: scanned.warnings }).toEqual({ kind: without.kind, detections: without.detections, warnings: without.warnings });
  });
});
