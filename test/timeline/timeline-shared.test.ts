import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, bob, carol, daysAgo, rawGit, TestRepo } from '../history/git-fixture.js';
import { runTimeline, type Timeline } from '../../src/timeline/timeline.js';
import { timelinePoints } from '../../src/timeline/points.js';
import { BlobContents } from '../../src/timeline/blob-contents.js';

/**
 * What repositories share by content is read once, and each still gets its own results: a
 * platform repository and a fork of it (a local clone with a commit of its own), assessed at
 * points where they share their past and at one where they differ.
 */
const DIST_WORKER = join(import.meta.dirname, '..', '..', 'dist', 'timeline', 'timeline-worker.js');
const eks = 'module "eks" {\n  source  = "terraform-aws-modules/eks/aws"\n  version = "20.8.4"\n}\n';
const argo = 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: payments\nspec:\n  destination:\n    namespace: payments\n';
const skaffold = 'apiVersion: skaffold/v4beta6\nkind: Config\nbuild:\n  artifacts:\n    - image: payments\n';
// A broken YAML file that never changes: every point that has it must say so.
const broken = 'apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n';

let work: string;
let timeline: Timeline;
let points: Date[];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'k8sm-timeline-shared-'));
  mkdirSync(join(work, 'platform'));
  const platform = new TestRepo(join(work, 'platform'));
  platform.git(['init', '--quiet', '--initial-branch=main']);
  platform.commit(alice, 600, { 'terraform/main.tf': eks, 'k8s/broken.yaml': broken }, 'cluster as code');
  platform.commit(bob, 300, { 'argocd/payments.yaml': argo }, 'delivery');
  // Two people change it in the window of the middle point: team-wide ownership, read from history.
  for (const [index, author] of [alice, bob, alice, bob].entries()) platform.commit(author, 280 - index * 20, { [`k8s/app-${index}.yaml`]: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app-${index}\n` }, `app ${index}`);
  rawGit(work, ['clone', '--quiet', '--local', join(work, 'platform'), 'fork']);
  new TestRepo(join(work, 'fork')).commit(carol, 20, { 'skaffold.yaml': skaffold }, 'dev loop');
  points = timelinePoints({ now: daysAgo(0), at: [500, 200, 5].map((d) => daysAgo(d).toISOString()) });
  timeline = await runTimeline({ paths: ['platform', 'fork'], cwd: work, points, toolVersion: 'test' });
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const repositoryAt = (t: Timeline, point: number, path: string) => t.points[point]!.assessment.repositories.find((r) => r.path === path)!;

describe('timeline of repositories that share their past', () => {
  it('gives each repository its own results where they share commits, and where they differ', () => {
    for (const point of [0, 1]) {
      expect(timeline.points[point]!.commits.fork).toBe(timeline.points[point]!.commits.platform);
      // The same files and history, each named for its own repository.
      const seen = (path: string) => repositoryAt(timeline, point, path).detections.map((d) => [d.id, d.evidence.map((e) => ('file' in e ? `${e.file}:${e.line}` : JSON.stringify({ ...e, repository: undefined })))]);
      expect(seen('fork')).toEqual(seen('platform'));
    }
    expect(timeline.points[2]!.commits.fork).not.toBe(timeline.points[2]!.commits.platform);
    expect(repositoryAt(timeline, 2, 'fork').detections.map((d) => d.id)).toContain('skaffold');
    expect(repositoryAt(timeline, 2, 'platform').detections.map((d) => d.id)).not.toContain('skaffold');
    expect(repositoryAt(timeline, 1, 'fork').detections.map((d) => d.id)).toContain('argo-cd');
  });

  it('names each repository in its own history evidence, even for the same commits', () => {
    const evidence = (path: string) => repositoryAt(timeline, 1, path).detections.flatMap((d) => d.evidence).filter((e) => 'history' in e);
    expect(repositoryAt(timeline, 1, 'platform').detections.map((d) => d.id)).toContain('team-wide-ownership');
    expect(evidence('platform').length).toBeGreaterThan(0);
    expect(evidence('fork').length).toBe(evidence('platform').length);
    expect(evidence('platform').every((e) => e.repository === 'platform')).toBe(true);
    expect(evidence('fork').every((e) => e.repository === 'fork')).toBe(true);
  });

  it('says at every point that an unchanged broken file is broken, though it was parsed once', () => {
    for (const point of [0, 1, 2]) {
      for (const path of ['platform', 'fork']) {
        expect(repositoryAt(timeline, point, path).warnings).toContainEqual(expect.objectContaining({ file: 'k8s/broken.yaml', message: expect.stringMatching(/^YAML: /) }));
      }
    }
  });

  it.skipIf(!existsSync(DIST_WORKER))('gives the same timeline on worker threads as on one thread', async () => {
    const paths = ['platform', 'fork'];
    const serial = await runTimeline({ paths, cwd: work, points, toolVersion: 'test', workers: 0 });
    const parallel = await runTimeline({ paths, cwd: work, points, toolVersion: 'test', workers: 2, workerUrl: pathToFileURL(DIST_WORKER) });
    // What was read and reused differs by thread (each has its own blob contents); the results do not.
    expect({ ...parallel, stats: undefined }).toEqual({ ...serial, stats: undefined });
  });
});

describe('BlobContents', () => {
  it('keeps what was used lately within its budget, and drops what was not', () => {
    const contents = new BlobContents(2_000); // each text below counts 464
    contents.add('a', { text: 'x'.repeat(200) });
    contents.add('b', { text: 'y'.repeat(200) });
    contents.add('c', { text: 'z'.repeat(200) }); // past half the budget: a, b and c grow old
    expect(contents.get('a')?.text.text).toBe('x'.repeat(200)); // a is used again
    for (const blob of ['d', 'e', 'f']) contents.add(blob, { text: 'w'.repeat(200) }); // the old generation (b, c) goes
    expect(contents.has('a')).toBe(true);
    expect(contents.has('b')).toBe(false);
    expect(contents.has('c')).toBe(false);
    expect(contents.has('f')).toBe(true);
  });
});
