import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, bob, carol, daysAgo, TestRepo } from '../history/git-fixture.js';
import { runTimeline, type Timeline } from '../../src/timeline/timeline.js';
import { timelinePoints } from '../../src/timeline/points.js';

/**
 * History signals at past points: each point reads `git log` back from its own commit, over the
 * window (history.since, 180 days by default) that ends at the point. A platform repository is
 * changed by one person pushing straight to main for its first year, then by two people through
 * pull requests; one direct push lands after the last past point.
 */
const tf = (version: string) => `resource "aws_eks_cluster" "main" {\n  version = "${version}"\n}\n`;

let work: string;
let timeline: Timeline;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'k8sm-timeline-history-'));
  mkdirSync(join(work, 'platform-infra'));
  const repo = new TestRepo(join(work, 'platform-infra'));
  repo.git(['init', '--quiet', '--initial-branch=main']);
  // The first year: Alice alone, straight to main.
  for (const [index, days] of [700, 650, 600, 550].entries()) repo.commit(alice, days, { 'terraform/main.tf': tf(`1.2${index}`), 'k8s/monitoring.yaml': `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring-${index}\n` }, `cluster ${index}`);
  // Then Alice and Bob, every change through a pull request.
  for (const [index, author] of [bob, alice, bob, alice, bob].entries()) {
    const days = 300 - index * 40;
    repo.checkout(`change-${index}`, true);
    repo.commit(author, days, { [`k8s/app-${index}.yaml`]: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-${index}\n` }, `app ${index}`);
    repo.checkout('main');
    repo.merge(`change-${index}`, author, days - 1, `Merge pull request #${index + 1} from acme/change-${index}`);
  }
  // After the last past point: one direct push by someone new.
  repo.commit(carol, 20, { 'terraform/main.tf': tf('1.31') }, 'hotfix');
  const points = timelinePoints({ now: daysAgo(0), at: [560, 80, 5].map((d) => daysAgo(d).toISOString()) });
  timeline = await runTimeline({ paths: ['platform-infra'], cwd: work, points, toolVersion: 'test' });
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const capability = (point: number, id: string) => timeline.points[point]!.assessment.capabilities.find((c) => c.id === id);
const repository = (point: number) => timeline.points[point]!.assessment.repositories[0]!;

describe('timeline history signals', () => {
  it('reads the history of each point from its own commit, over the window ending there', () => {
    // 560 days ago: Alice's three pushes of the window, none through a pull request.
    expect(capability(0, 'platform-pull-requests')).toMatchObject({ status: 'missing', reason: expect.stringContaining('0 of 3 changes to main came through pull requests in the last 180 days') });
    // 80 days ago: the four pull requests merged in the window (the first one, 299 days ago, is before it); the hotfix 20 days ago is not seen yet.
    expect(capability(1, 'platform-pull-requests')).toMatchObject({ status: 'met' });
    expect(capability(1, 'platform-pull-requests')!.evidence).toEqual([
      { history: '4 of 4 changes to main came through pull requests in the last 180 days (100%)', repository: 'platform-infra', source: 'history' },
    ]);
    // Five days ago: the last two pull requests and the hotfix, which went straight to main.
    expect(capability(2, 'platform-pull-requests')!.evidence).toEqual([expect.objectContaining({ history: '2 of 3 changes to main came through pull requests in the last 180 days (67%)' })]);
  });

  it('sees ownership move from one person to the team', () => {
    expect(repository(0).detections.map((d) => d.id)).not.toContain('team-wide-ownership');
    expect(capability(0, 'team-wide-ownership')).toMatchObject({ status: 'missing', reason: expect.stringMatching(/alice@acme\.io/) });
    expect(repository(1).detections.map((d) => d.id)).toContain('team-wide-ownership');
    expect(capability(1, 'team-wide-ownership')!.status).toBe('met');
    expect(timeline.milestones).toContainEqual(expect.objectContaining({ kind: 'signal-appeared', signal: 'team-wide-ownership', repository: 'platform-infra', at: timeline.points[1]!.at }));
    expect(timeline.milestones).toContainEqual(expect.objectContaining({ kind: 'capability-met', capability: 'platform-pull-requests', at: timeline.points[1]!.at }));
  });

  it('reads no history with history off, as scan --no-history', async () => {
    const off = await runTimeline({ paths: ['platform-infra'], cwd: work, points: [daysAgo(80)], history: false, toolVersion: 'test' });
    expect(off.points[0]!.assessment.capabilities.find((c) => c.id === 'platform-pull-requests')!.status).toBe('unknown');
  });
});
