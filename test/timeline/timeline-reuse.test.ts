import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, bob, daysAgo, TestRepo } from '../history/git-fixture.js';
import { runTimeline, type Timeline } from '../../src/timeline/timeline.js';
import { DETECTORS } from '../../src/detectors/registry.js';
import { branchCommits, listTree } from '../../src/sources/git/tree-at.js';
import { applyTreeDiff, treeChanges } from '../../src/sources/git/tree-diff.js';

/**
 * A point reuses the last point's work where nothing it depends on changed: blobs are parsed once,
 * and a detector whose files did not change is not run again. What it gives is what a point
 * computed from nothing gives, through additions, edits, removals and renames.
 */
const EKS = 'module "eks" {\n  source  = "terraform-aws-modules/eks/aws"\n  version = "20.8.4"\n}\n';
const deployment = (probes: boolean) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.2.0\n${probes ? '          livenessProbe: { httpGet: { path: /healthz, port: 8080 } }\n          readinessProbe: { httpGet: { path: /ready, port: 8080 } }\n' : ''}`;
const WORKFLOW = 'name: ci\non: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: docker build -t api .\n      - run: helm upgrade --install api ./charts/api\n';
const CHART = 'apiVersion: v2\nname: api\nversion: 0.1.0\n';
const BROKEN = 'apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n';

let work: string;
/** The days before today of each commit; a point is taken a day after each. */
const DAYS = [500, 400, 300, 200, 100];
let all: Timeline;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'k8sm-timeline-reuse-'));
  const repo = new TestRepo(work);
  repo.git(['init', '--quiet', '--initial-branch=main']);
  repo.commit(alice, DAYS[0]!, { 'infra/main.tf': EKS, 'k8s/api.yaml': deployment(false), 'k8s/broken.yaml': BROKEN, '.github/workflows/ci.yaml': WORKFLOW, 'cmd/api/main.go': 'package main\n' }, 'start');
  // Only a Go source changes: nothing a detector reads.
  repo.commit(bob, DAYS[1]!, { 'cmd/api/main.go': 'package main\n\nfunc main() {}\n' }, 'code');
  // Names that sort by bytes around the folders already there, and a link (never listed).
  symlinkSync('k8s/api.yaml', join(work, 'link.yaml'));
  const sorted = { 'infra-b.tf': '# b\n', 'infra.tf': '# top\n', 'k8s.yaml': '# k8s\n', 'Ünïcode.md': '# ü\n', 'k8s/z.txt': 'z\n' };
  repo.commit(alice, DAYS[2]!, { 'charts/api/Chart.yaml': CHART, Dockerfile: 'FROM node:22-alpine\nCMD ["node", "server.js"]\n', ...sorted }, 'chart and container');
  repo.commit(bob, DAYS[3]!, { 'k8s/api.yaml': deployment(true) }, 'probes');
  repo.git(['rm', '--quiet', '.github/workflows/ci.yaml']);
  mkdirSync(join(work, 'deploy'));
  repo.git(['mv', 'k8s/api.yaml', 'deploy/api.yaml']);
  repo.commit(alice, DAYS[4]!, {}, 'no CI, manifests moved');
  all = await runTimeline({ paths: ['.'], cwd: work, points: pointDates(), toolVersion: 'test', history: false });
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const pointDates = () => DAYS.map((d) => daysAgo(d - 1));
const withoutDates = (t: Timeline, index: number) => {
  const { repositories, stage, capabilities } = t.points[index]!.assessment;
  return { repositories, stage, capabilities };
};

describe('timeline points reuse what did not change', () => {
  it('gives at every point what that point computed from nothing gives', async () => {
    for (const [index, at] of pointDates().entries()) {
      const alone = await runTimeline({ paths: ['.'], cwd: work, points: [at], toolVersion: 'test', history: false });
      expect(withoutDates(all, index)).toEqual(withoutDates(alone, 0));
    }
    const ids = (index: number) => all.points[index]!.assessment.repositories[0]!.detections.map((d) => d.id);
    expect(ids(0)).toContain('terraform');
    expect(ids(2)).toEqual(expect.arrayContaining(['helm', 'docker']));
    expect(ids(4)).not.toContain('github-actions');
    // The broken file is said broken at every point, whether its detectors ran again or not.
    for (const index of [0, 1, 2, 3]) {
      expect(all.points[index]!.assessment.repositories[0]!.warnings).toContainEqual(expect.objectContaining({ file: 'k8s/broken.yaml', message: expect.stringMatching(/^YAML: /) }));
    }
  });

  it('parses no blob and runs no detector again for a point where only code nobody reads changed', async () => {
    const [first, second] = pointDates();
    const one = await runTimeline({ paths: ['.'], cwd: work, points: [first!], toolVersion: 'test', history: false });
    const two = await runTimeline({ paths: ['.'], cwd: work, points: [first!, second!], toolVersion: 'test', history: false });
    expect(one.stats.blobsParsed).toBeGreaterThan(0);
    expect(two.stats.blobsParsed).toBe(one.stats.blobsParsed);
    expect(two.stats.blobsRead).toBe(one.stats.blobsRead);
    expect(one.stats).toMatchObject({ reused: 0, computed: DETECTORS.length });
    expect(two.stats).toMatchObject({ reused: DETECTORS.length, computed: DETECTORS.length });
    expect(withoutDates(two, 1)).toEqual(withoutDates(one, 0));
  });

  it('runs again only the detectors that read what changed', () => {
    // Five points: the first computes every detector, the second (Go code only) none, and the
    // later ones (files added, edited, removed) the detectors that read them.
    expect(all.stats.computed).toBeGreaterThanOrEqual(DETECTORS.length);
    expect(all.stats.reused).toBeGreaterThan(DETECTORS.length);
    expect(all.stats.computed + all.stats.reused).toBe(5 * DETECTORS.length);
  });
});

describe('a tree listed from the last one', () => {
  it('is the tree listed whole, in the same order, each change read one by one or all at once', () => {
    const trees = branchCommits(work, 'main').map((c) => c.tree).reverse();
    const pairs = trees.slice(1).map((tree, i) => [trees[i]!, tree] as const);
    const known = treeChanges(work, pairs, 1000);
    // Files in folders before and after the ones that changed, a link, and names that sort by bytes.
    for (const [from, to] of pairs) {
      const whole = listTree(work, to, 1000).files;
      const last = listTree(work, from, 1000).files;
      expect(applyTreeDiff(work, from, last, to, 1000)?.files).toEqual(whole);
      expect(applyTreeDiff(work, from, last, to, 1000, known)?.files).toEqual(whole);
    }
    expect(applyTreeDiff(work, trees[0]!, listTree(work, trees[0]!, 1000).files, trees[4]!, 3)).toBeUndefined(); // more than --max-files
  });
});
