import { describe, expect, it } from 'vitest';
import { judgeHistory } from '../../src/history/judge-history.js';
import type { LogRecord } from '../../src/history/log-records.js';

/** Judging is pure: records in, signals out, no git and no clock. */
describe('judgeHistory', () => {
  const context = { branch: { name: 'main', hash: 'c3' }, window: 'in the last 90 days', platformKnown: true, pullRequestThreshold: 0.5, repository: 'infra' };

  it('turns records into the three signals without running git', () => {
    const records: LogRecord[] = [
      { h: 'c3', p: ['c2', 'x1'], t: 30, who: 'bob@acme.io', n: 'Bob Roe', pr: 1 },
      { h: 'x1', p: ['c2'], t: 25, who: 'carol@dev.io', n: 'Carol', dep: 1, dev: 1 },
      { h: 'c2', p: ['c1'], t: 20, who: 'alice@home.example', n: 'Alice Doe', dep: 1 },
      { h: 'c1', p: [], t: 10, who: 'alice@acme.io', n: 'Alice Doe', dep: 1, plat: 1, was: 'ad@laptop.local' },
      { h: 'c0', p: [], t: 5, who: '29139614+renovate[bot]@users.noreply.github.com', n: 'renovate[bot]', dep: 1 },
    ];
    const judged = judgeHistory(records, context);
    expect(judged.authors).toBe(3);
    expect(judged.deployChangers).toEqual([
      { person: 'alice@acme.io', commits: 2, share: 0.67, identities: ['alice@acme.io', 'alice@home.example'], mailmapped: ['ad@laptop.local'] },
      { person: 'carol@dev.io', commits: 1, share: 0.33 },
    ]);
    expect(judged.developerChangers).toEqual([{ person: 'carol@dev.io', commits: 1, share: 1 }]);
    expect(judged.mainChanges).toEqual({ total: 3, throughPullRequests: 1 });
    expect(judged.detections.map((d) => d.id)).toEqual(['team-wide-ownership', 'developer-owned-manifests']);
    expect(judged.detections[0]!.evidence[0]).toEqual({
      history:
        '2 people changed platform/deploy files in the last 90 days: alice@acme.io 67% (2 commits), carol@dev.io 33% (1 commit); 33% of the 3 commits by others with 5% or more each (team-wide from 15%); alice@acme.io, alice@home.example merged by name (Alice Doe); ad@laptop.local merged into alice@acme.io by .mailmap',
      repository: 'infra',
      source: 'history',
    });
    expect(judged.absent).toEqual([{ signal: 'merged-pull-requests', reason: '1 of 3 changes to main came through pull requests in the last 90 days (33%); counted from 50%' }]);
  });
});
