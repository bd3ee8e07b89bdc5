import { readFileSync, readdirSync, statSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, bob, carol, daysAgo, rawGit, TestRepo } from '../history/git-fixture.js';
import { runTimeline, type Timeline } from '../../src/timeline/timeline.js';
import { timelinePoints } from '../../src/timeline/points.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/acme');

/** The files of an example folder, as a commit's content: { 'path/in/repo': text }. */
function filesOf(folder: string, only?: RegExp): Record<string, string> {
  const base = join(EXAMPLE, folder);
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const rel = relative(base, path);
        if (!only || only.test(rel)) files[rel] = readFileSync(path, 'utf8');
      }
    }
  };
  walk(base);
  return files;
}

function newRepo(dir: string): TestRepo {
  mkdirSync(dir, { recursive: true });
  rawGit(dir, ['init', '--quiet', '--initial-branch=main']);
  return new TestRepo(dir);
}

let work: string;
let timeline: Timeline;
let paymentsStatus: string;
let paymentsIndex: Buffer;
let payments: TestRepo;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'k8sm-timeline-'));
  // The platform adopts Terraform (an EKS module) first, then Argo CD, CI and monitoring.
  const platform = newRepo(join(work, 'platform-infra'));
  platform.commit(alice, 700, filesOf('platform-infra', /^terraform\/(modules|envs)\//), 'EKS cluster as code');
  platform.commit(bob, 500, filesOf('platform-infra', /^(argocd|\.github|terraform\/addons)\//), 'Argo CD, CI, monitoring');
  // A service arrives later with a Dockerfile, a chart with probes and CI; then Skaffold and OpenTelemetry.
  payments = newRepo(join(work, 'payments-api'));
  payments.commit(carol, 400, filesOf('payments-api', /^(Dockerfile|deploy\/|\.github\/|cmd\/server\/main\.go|internal\/)/), 'container, chart, CI');
  payments.commit(carol, 100, filesOf('payments-api', /^(skaffold\.yaml|kind\.yaml|Makefile|go\.mod|cmd\/server\/tracing\.go)$/), 'skaffold and tracing');
  // Someone is at work in the checkout: an uncommitted edit and a staged file must survive untouched.
  writeFileSync(join(payments.dir, 'Dockerfile'), 'FROM scratch\n');
  writeFileSync(join(payments.dir, 'staged.yaml'), 'a: 1\n');
  payments.git(['add', 'staged.yaml']);
  paymentsStatus = payments.git(['status', '--porcelain']);
  paymentsIndex = readFileSync(join(payments.dir, '.git', 'index'));

  const points = timelinePoints({ now: daysAgo(0), at: [600, 450, 300, 50].map((d) => daysAgo(d).toISOString()) });
  timeline = await runTimeline({ paths: ['platform-infra', 'payments-api'], cwd: work, points, toolVersion: 'test' });
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const capability = (point: number, id: string) => timeline.points[point]!.assessment.capabilities.find((c) => c.id === id)?.status;
const repositoryAt = (point: number, path: string) => timeline.points[point]!.assessment.repositories.find((r) => r.path === path);

describe('timeline', () => {
  it('assesses each point at the last commit on or before it; a repository not yet created is absent', () => {
    expect(timeline.points.map((p) => p.assessment.repositories.map((r) => r.path))).toEqual([
      ['platform-infra'],
      ['platform-infra'],
      ['platform-infra', 'payments-api'],
      ['platform-infra', 'payments-api'],
    ]);
    const commits = payments.git(['log', '--format=%H', 'main']).trim().split('\n');
    expect(timeline.points[2]!.commits['payments-api']).toBe(commits[1]);
    expect(timeline.points[3]!.commits['payments-api']).toBe(commits[0]);
  });

  it('follows the adoption: a cluster as code first, then delivery and monitoring, then containers, then the dev loop and tracing', () => {
    expect(capability(0, 'cluster-definition')).toBe('met');
    expect(capability(0, 'infrastructure-as-code')).toBe('met');
    expect(capability(0, 'continuous-delivery')).not.toBe('met');
    expect(capability(1, 'continuous-delivery')).toBe('met');
    expect(capability(1, 'monitoring')).toBe('met');
    expect(capability(1, 'containerized-services')).not.toBe('met');
    expect(['met', 'partial']).toContain(capability(2, 'containerized-services'));
    expect(repositoryAt(2, 'payments-api')!.detections.map((d) => d.id)).not.toContain('skaffold');
    expect(repositoryAt(3, 'payments-api')!.detections.map((d) => d.id)).toEqual(expect.arrayContaining(['skaffold', 'opentelemetry']));
    expect(capability(3, 'local-k8s-dev-loop')).toBe('met');
    expect(capability(3, 'tracing')).toBe('met');
    expect(timeline.points[0]!.assessment.stage).toBeGreaterThanOrEqual(1);
  });

  it('lists milestones at the point where they first show, with the file that proves them', () => {
    const skaffold = timeline.milestones.find((m) => m.kind === 'signal-appeared' && m.signal === 'skaffold');
    expect(skaffold).toMatchObject({ at: timeline.points[3]!.at, repository: 'payments-api', evidence: [{ file: expect.stringMatching(/^(skaffold\.yaml|Makefile)$/) }] });
    expect(timeline.milestones.find((m) => m.kind === 'repository-added')).toMatchObject({ at: timeline.points[2]!.at, repository: 'payments-api' });
    expect(timeline.milestones.find((m) => m.kind === 'capability-met' && m.capability === 'continuous-delivery')?.at).toBe(timeline.points[1]!.at);
  });

  it('never touches the work tree or the index', () => {
    expect(payments.git(['status', '--porcelain'])).toBe(paymentsStatus);
    expect(readFileSync(join(payments.dir, '.git', 'index')).equals(paymentsIndex)).toBe(true);
    expect(readFileSync(join(payments.dir, 'Dockerfile'), 'utf8')).toBe('FROM scratch\n');
  });
});
