import { describe, expect, it } from 'vitest';
import { isBot, judgeOwnership, readHistory, type HistoryFacts } from '../../src/history/index.js';
import type { Person } from '../../src/history/identities.js';
import { holdingsOf } from '../../src/history/ownership.js';
import { alice, bob, daysAgo, NOW, type Author, TestRepo } from './git-fixture.js';

/**
 * Who is a person: identities merged by .mailmap, then by name (as `git shortlog` groups them);
 * bots and CI never counted; ownership weighed by each person's share of the changes.
 */

const since = daysAgo(180);

function text(facts: HistoryFacts, id: string): string {
  const evidence = facts.detections.find((d) => d.id === id)?.evidence[0];
  if (evidence && 'history' in evidence) return evidence.history;
  return facts.absent.find((a) => a.signal === id)?.reason ?? '';
}

/** `count` commits by `author`, each changing a platform file, one day apart from `from` days ago. */
function commits(repo: TestRepo, author: Author, count: number, from: number, file = 'infra/main.tf'): void {
  for (let i = 0; i < count; i++) repo.commit(author, from - i, { [file]: `# ${author.email} ${from - i}\n` });
}

describe('identities', () => {
  it('counts one person committing under three emails once, merged by name', () => {
    const repo = new TestRepo();
    commits(repo, alice, 4, 100);
    commits(repo, { name: 'alice  doe', email: 'alice@home.example' }, 3, 90);
    commits(repo, { name: 'Alice Doe ', email: '12345+alice@users.noreply.github.com' }, 3, 80);
    commits(repo, bob, 1, 50, 'k8s/app.yaml');
    const facts = readHistory(repo.dir, { since, now: NOW });
    expect(facts.stats.authors).toBe(2);
    expect(facts.deployChangers.map((p) => [p.person, p.commits])).toEqual([
      ['alice@acme.io', 10],
      ['bob@acme.io', 1],
    ]);
    expect(facts.deployChangers[0]!.identities).toEqual(['alice@acme.io', '12345+alice@users.noreply.github.com', 'alice@home.example']);
    expect(facts.detections.map((d) => d.id)).not.toContain('team-wide-ownership');
    const reason = text(facts, 'team-wide-ownership');
    expect(reason).toContain('alice@acme.io 91% (10 commits), bob@acme.io 9% (1 commit)');
    expect(reason).toContain('a bus factor of one');
    expect(reason).toContain('alice@acme.io, 12345+alice@users.noreply.github.com, alice@home.example merged by name (Alice Doe)');
  });

  it('merges by .mailmap first and says so', () => {
    const repo = new TestRepo();
    commits(repo, alice, 2, 100);
    commits(repo, { name: 'A. D.', email: 'ad@laptop.local' }, 2, 90);
    commits(repo, bob, 2, 80, 'deploy/app.yaml');
    repo.commit(alice, 70, { '.mailmap': 'Alice Doe <alice@acme.io> <ad@laptop.local>\n' });
    const facts = readHistory(repo.dir, { since, now: NOW });
    expect(facts.deployChangers.map((p) => [p.person, p.commits])).toEqual([
      ['alice@acme.io', 4],
      ['bob@acme.io', 2],
    ]);
    expect(text(facts, 'team-wide-ownership')).toContain('ad@laptop.local merged into alice@acme.io by .mailmap');
  });

  it('does not merge different people who share a placeholder name', () => {
    const repo = new TestRepo();
    commits(repo, { name: 'root', email: 'root@ops-1.internal' }, 2, 100);
    commits(repo, { name: 'root', email: 'root@ops-2.internal' }, 2, 90);
    const facts = readHistory(repo.dir, { since, now: NOW });
    expect(facts.deployChangers.map((p) => p.person)).toEqual(['root@ops-1.internal', 'root@ops-2.internal']);
  });
});

describe('bots', () => {
  const bots: Author[] = [
    { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' },
    { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com' },
    { name: 'Renovate Bot', email: 'bot@renovateapp.com' },
    { name: 'fluxcdbot', email: 'fluxcdbot@users.noreply.github.com' },
    { name: 'argocd-image-updater', email: 'noreply@argoproj.io' },
    { name: 'project_42_bot_5f1c', email: 'project_42_bot_5f1c@noreply.gitlab.example.com' },
    { name: 'GitLab CI', email: 'gitlab-ci@gitlab.example.com' },
    { name: 'Jenkins', email: 'jenkins@ci.acme.io' },
    { name: 'k8s-ci-robot', email: 'k8s-ci-robot@users.noreply.github.com' },
    { name: 'semantic-release-bot', email: 'semantic-release-bot@martynus.net' },
    { name: 'GitHub', email: 'noreply@github.com' },
    { name: 'Azure Pipelines', email: 'azuredevops@microsoft.com' },
  ];
  const people: Author[] = [
    { name: 'Alice Doe', email: '12345+alice@users.noreply.github.com' },
    { name: 'Bob Talbot', email: 'talbot@users.noreply.github.com' },
    { name: 'Abbot Ng', email: '777+abbot@users.noreply.github.com' },
    { name: 'Rob Otto', email: 'robot.otto@acme.io' },
    { name: 'Carol Poe', email: 'carol@users.noreply.gitlab.com' },
  ];

  it.each(bots)('$name <$email> is a bot', (author) => {
    expect(isBot(author)).toBe(true);
  });

  it.each(people)('$name <$email> is a person', (author) => {
    expect(isBot(author)).toBe(false);
  });

  it('never counts bots and CI as people, in a real history', () => {
    const repo = new TestRepo();
    commits(repo, alice, 3, 120);
    bots.forEach((bot, i) => commits(repo, bot, 1, 100 - i, 'Dockerfile'));
    const facts = readHistory(repo.dir, { since, now: NOW });
    expect(facts.stats).toMatchObject({ commits: 3 + bots.length, authors: 1 });
    expect(facts.deployChangers.map((p) => p.person)).toEqual(['alice@acme.io']);
    expect(text(facts, 'team-wide-ownership')).toBe('only alice@acme.io (3 commits) changed platform/deploy files in the last 180 days');
  });

  it('counts the author of a change committed through the GitHub web interface', () => {
    const repo = new TestRepo();
    commits(repo, alice, 1, 100);
    repo.write({ 'k8s/app.yaml': 'kind: Deployment\n' });
    repo.git(['add', '--all']);
    repo.git(['commit', '--quiet', '-m', 'Deploy (#4)'], { ...repo.env(bob, 90), GIT_COMMITTER_NAME: 'GitHub', GIT_COMMITTER_EMAIL: 'noreply@github.com' });
    const facts = readHistory(repo.dir, { since, now: NOW });
    expect(facts.deployChangers.map((p) => p.person)).toEqual(['alice@acme.io', 'bob@acme.io']);
  });
});

describe('shares', () => {
  it('reads one person with 97% of the changes as a bus factor of one, not team-wide', () => {
    const repo = new TestRepo();
    commits(repo, alice, 32, 150);
    commits(repo, bob, 1, 10, 'deploy/app.yaml');
    const facts = readHistory(repo.dir, { since, now: NOW });
    expect(facts.detections.map((d) => d.id)).not.toContain('team-wide-ownership');
    expect(text(facts, 'team-wide-ownership')).toBe(
      'alice@acme.io made 97% of the 33 commits to platform/deploy files in the last 180 days, a bus factor of one: alice@acme.io 97% (32 commits), bob@acme.io 3% (1 commit); 0% by others with 5% or more each (team-wide from 15%)',
    );
    expect(facts.deployChangers.map((p) => p.share)).toEqual([0.97, 0.03]);
  });

  it('finds team-wide ownership when two people hold a real share', () => {
    const repo = new TestRepo();
    commits(repo, alice, 6, 150);
    commits(repo, bob, 4, 100, 'charts/web/values.yaml');
    const facts = readHistory(repo.dir, { since, now: NOW });
    expect(text(facts, 'team-wide-ownership')).toBe(
      '2 people changed platform/deploy files in the last 180 days: alice@acme.io 60% (6 commits), bob@acme.io 40% (4 commits); 40% of the 10 commits by others with 5% or more each (team-wide from 15%)',
    );
  });
});

describe('the ownership rule', () => {
  const person = (id: string): Person => ({ id, identities: [id], mailmapped: [] });
  const judge = (commits: number[]) => judgeOwnership(holdingsOf(new Map(commits.map((c, i) => [person(`p${String(i).padStart(2, '0')}@x`), c]))), 'in the last 180 days');

  it.each([
    [[60, 40], true, 1],
    [[85, 15], true, 1],
    [[86, 14], false, 1],
    [[10, 10, 10, 10, 10, 10, 10, 10, 10, 10], true, 6],
    [[40, 30, 30], true, 2],
    [[85, ...Array<number>(15).fill(1)], false, 1],
    [[80, 5, 5, 5, 5], true, 1],
    [[2, 1], true, 1],
  ])('%j is team-wide: %s (bus factor %i)', (commits, teamWide, busFactor) => {
    const judged = judge(commits);
    expect(judged.teamWide).toBe(teamWide);
    expect(judged.busFactor).toBe(busFactor);
  });
});

describe('the platform team, with identities merged', () => {
  it('does not count a platform member as a developer when they commit from another address', () => {
    const repo = new TestRepo();
    commits(repo, alice, 2, 100);
    commits(repo, { name: 'Alice Doe', email: 'alice@home.example' }, 1, 90, 'Dockerfile');
    const platform = (identity: { email: string }) => identity.email.endsWith('@acme.io');
    const facts = readHistory(repo.dir, { since, now: NOW, platformMembers: platform });
    expect(facts.developerChangers).toEqual([]);
    expect(facts.detections.map((d) => d.id)).not.toContain('developer-owned-manifests');
  });
});

describe('forged identities', () => {
  it('judges a huge name or address quickly and without throwing', () => {
    const name = `${'build service ('.repeat(20_000)}x`;
    expect(isBot({ name, email: `${'a'.repeat(100_000)}@x` })).toBe(false);
    expect(isBot({ name: 'Contoso Build Service (contoso)', email: '' })).toBe(true);
  });
});
