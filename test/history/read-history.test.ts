import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployCategoryOf, isPullRequestChange, NEEDS_TEAM_CONFIG, readHistory, SHALLOW_CLONE, type HistoryFacts } from '../../src/history/index.js';
import { parseLog } from '../../src/history/parse-log.js';
import { alice, bob, carol, dave, daysAgo, NOW, rawGit, renovate, TestRepo } from './git-fixture.js';

const since = daysAgo(180);
const platform = (identity: { email: string }) => identity.email.endsWith('@acme.io');

function ids(facts: HistoryFacts): string[] {
  return facts.detections.map((d) => d.id).sort();
}

function history(facts: HistoryFacts, id: string): string {
  const evidence = facts.detections.find((d) => d.id === id)?.evidence[0];
  return evidence && 'history' in evidence ? evidence.history : '';
}

/** A repository where platform people and developers both change deploy files, through branches. */
function teamRepo(): TestRepo {
  const repo = new TestRepo();
  repo.commit(alice, 170, { 'infra/main.tf': 'resource "aws_eks_cluster" "main" {}\n' }, 'Bootstrap the cluster');
  repo.commit(bob, 160, { '.github/workflows/ci.yml': 'on: push\n' }, 'Add CI');
  repo.checkout('feature/api', true);
  repo.commit(carol, 150, { 'Dockerfile': 'FROM node:20\n', 'src/index.js': 'console.log(1)\n' }, 'Containerise the API');
  repo.commit(carol, 149, { 'deploy/api.yaml': 'kind: Deployment\n' }, 'Deploy the API: password=hunter2');
  repo.checkout('main');
  repo.merge('feature/api', bob, 148, 'Merge pull request #7 from acme/feature/api');
  repo.commit(alice, 140, { 'infra/main.tf': 'resource "aws_eks_cluster" "main" { version = "1.30" }\n' }, 'Upgrade the cluster (#8)');
  repo.commit(alice, 130, { 'README.md': 'docs\n' }, 'Typo');
  return repo;
}

describe('readHistory', () => {
  it('finds team-wide ownership when several people change platform and deploy files', () => {
    const facts = readHistory(teamRepo().dir, { since, now: NOW, platformMembers: platform, repository: 'payments-api' });
    expect(ids(facts)).toEqual(['developer-owned-manifests', 'team-wide-ownership']);
    expect(history(facts, 'team-wide-ownership')).toBe(
      '3 people changed platform/deploy files in the last 180 days: alice@acme.io 40% (2 commits), carol@payments.acme.io 40% (2 commits), bob@acme.io 20% (1 commit); 60% of the 5 commits by others with 5% or more each (team-wide from 15%)',
    );
    expect(facts.detections[0]!.evidence[0]).toMatchObject({ repository: 'payments-api', source: 'history' });
    expect(facts.stats).toMatchObject({ commits: 7, authors: 3 });
    expect(facts.window).toMatchObject({ days: 180, branch: 'main' });
  });

  it('never puts commit messages in its output', () => {
    const facts = readHistory(teamRepo().dir, { since, now: NOW, platformMembers: platform });
    const text = JSON.stringify(facts);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('Containerise');
  });

  it('reports the share of changes to main that came through pull requests', () => {
    const facts = readHistory(teamRepo().dir, { since, now: NOW });
    // main: 2 direct commits, the merge of #7, the squash-style "(#8)", and a direct typo fix.
    expect(facts.mainChanges).toEqual({ total: 5, throughPullRequests: 2 });
    expect(ids(facts)).not.toContain('merged-pull-requests');
    expect(facts.absent.find((a) => a.signal === 'merged-pull-requests')?.reason).toBe(
      '2 of 5 changes to main came through pull requests in the last 180 days (40%); counted from 50%',
    );
    const lenient = readHistory(teamRepo().dir, { since, now: NOW, pullRequestThreshold: 0.4 });
    expect(history(lenient, 'merged-pull-requests')).toBe('2 of 5 changes to main came through pull requests in the last 180 days (40%)');
  });

  it('counts a repository where every change is merged from a branch', () => {
    const repo = new TestRepo();
    repo.commit(alice, 100, { 'README.md': 'x\n' });
    for (const [index, author] of [bob, carol, dave].entries()) {
      repo.checkout(`topic-${index}`, true);
      repo.commit(author, 90 - index * 10, { [`charts/web/templates/t${index}.yaml`]: 'kind: Service\n' });
      repo.checkout('main');
      repo.merge(`topic-${index}`, author, 89 - index * 10);
    }
    const facts = readHistory(repo.dir, { since, now: NOW });
    expect(facts.mainChanges).toEqual({ total: 4, throughPullRequests: 3 });
    expect(history(facts, 'merged-pull-requests')).toContain('3 of 4 changes to main came through pull requests');
  });

  it('does not count pulling main into itself as a pull request', () => {
    expect(isPullRequestChange({ parents: ['a', 'b'], subject: "Merge branch 'main' of github.com:acme/api" }, 'main')).toBe(false);
    expect(isPullRequestChange({ parents: ['a', 'b'], subject: "Merge remote-tracking branch 'origin/main'" }, 'main')).toBe(false);
    expect(isPullRequestChange({ parents: ['a', 'b'], subject: "Merge branch 'feature/x' into 'main'" }, 'main')).toBe(true);
    expect(isPullRequestChange({ parents: ['a'], subject: 'Add probes (#123)' }, 'main')).toBe(true);
    expect(isPullRequestChange({ parents: ['a'], subject: 'Merged in feature/x (pull request #12)' }, 'main')).toBe(true);
    expect(isPullRequestChange({ parents: ['a'], subject: 'Merged PR 42: add probes' }, 'main')).toBe(true);
    expect(isPullRequestChange({ parents: ['a'], subject: 'Fix #123 in the chart' }, 'main')).toBe(false);
  });

  it('treats one person with two emails joined by .mailmap as one person', () => {
    const repo = new TestRepo();
    repo.commit(alice, 50, { 'main.tf': 'a\n' });
    repo.commit({ name: 'Alice D', email: 'alice.doe@home.example' }, 40, { 'main.tf': 'b\n' });
    expect(readHistory(repo.dir, { since, now: NOW }).deployChangers).toHaveLength(2);

    repo.commit(alice, 30, { '.mailmap': 'Alice Doe <alice@acme.io> <alice.doe@home.example>\n' });
    const facts = readHistory(repo.dir, { since, now: NOW });
    expect(facts.deployChangers).toEqual([{ person: 'alice@acme.io', commits: 2, share: 1, mailmapped: ['alice.doe@home.example'] }]);
    expect(ids(facts)).not.toContain('team-wide-ownership');
    expect(facts.absent.find((a) => a.signal === 'team-wide-ownership')?.reason).toBe(
      'only alice@acme.io (2 commits) changed platform/deploy files in the last 180 days; alice.doe@home.example merged into alice@acme.io by .mailmap',
    );
  });

  it('needs a team configuration to tell developers from the platform team', () => {
    const facts = readHistory(teamRepo().dir, { since, now: NOW });
    expect(facts.unknown).toEqual([{ signal: 'developer-owned-manifests', reason: NEEDS_TEAM_CONFIG }]);
  });

  it('finds developers changing Dockerfiles and manifests, and only them', () => {
    const facts = readHistory(teamRepo().dir, { since, now: NOW, platformMembers: platform });
    expect(history(facts, 'developer-owned-manifests')).toBe(
      '1 person outside the platform team changed Dockerfiles, manifests or charts in the last 180 days: carol@payments.acme.io (2 commits)',
    );
    const everyoneIsPlatform = readHistory(teamRepo().dir, { since, now: NOW, platformMembers: () => true });
    expect(ids(everyoneIsPlatform)).not.toContain('developer-owned-manifests');
    expect(everyoneIsPlatform.absent.map((a) => a.signal)).toContain('developer-owned-manifests');
  });

  it('leaves out commits older than the window', () => {
    const repo = new TestRepo();
    repo.commit(alice, 400, { 'main.tf': 'a\n' });
    repo.commit(bob, 300, { 'main.tf': 'b\n' });
    repo.commit(alice, 10, { 'main.tf': 'c\n' });
    const facts = readHistory(repo.dir, { since, now: NOW });
    expect(facts.stats.commits).toBe(1);
    expect(facts.deployChangers).toEqual([{ person: 'alice@acme.io', commits: 1, share: 1 }]);
    const wider = readHistory(repo.dir, { since: daysAgo(365), now: NOW });
    expect(wider.deployChangers.map((p) => p.person)).toEqual(['alice@acme.io', 'bob@acme.io']);
    expect(wider.window.days).toBe(365);
  });

  it('says so when nothing happened in the window', () => {
    const repo = new TestRepo();
    repo.commit(alice, 400, { 'main.tf': 'a\n' });
    const facts = readHistory(repo.dir, { since, now: NOW });
    expect(facts.detections).toEqual([]);
    expect(facts.unknown.map((u) => u.signal)).toEqual(['team-wide-ownership', 'developer-owned-manifests', 'merged-pull-requests']);
    expect(facts.unknown[0]!.reason).toMatch(/^no commits in the last 180 days \(since \d{4}-\d{2}-\d{2}\): widen history.since$/);
  });

  it('leaves bots out of the people counted', () => {
    const repo = new TestRepo();
    repo.commit(alice, 50, { Dockerfile: 'FROM node:20\n' });
    repo.commit(renovate, 40, { Dockerfile: 'FROM node:22\n' });
    const facts = readHistory(repo.dir, { since, now: NOW, platformMembers: platform });
    expect(facts.deployChangers).toEqual([{ person: 'alice@acme.io', commits: 1, share: 1 }]);
    expect(ids(facts)).toEqual([]);
    expect(facts.stats).toMatchObject({ commits: 2, authors: 1 });
  });

  it('makes every history signal unknown in a shallow clone', () => {
    const source = teamRepo();
    const target = join(mkdtempSync(join(tmpdir(), 'k8sm-shallow-')), 'clone');
    rawGit(source.dir, ['-c', 'protocol.file.allow=always', 'clone', '--quiet', '--depth', '1', `file://${source.dir}`, target]);
    const facts = readHistory(target, { since, now: NOW, platformMembers: platform });
    expect(facts.shallow).toBe(true);
    expect(facts.detections).toEqual([]);
    expect(facts.unknown).toEqual([
      { signal: 'team-wide-ownership', reason: SHALLOW_CLONE },
      { signal: 'developer-owned-manifests', reason: SHALLOW_CLONE },
      { signal: 'merged-pull-requests', reason: SHALLOW_CLONE },
    ]);
    expect(SHALLOW_CLONE).toBe('shallow clone: fetch full history (git fetch --unshallow)');
  });

  it('is unknown outside a git repository and on an unknown branch', () => {
    const plain = mkdtempSync(join(tmpdir(), 'k8sm-plain-'));
    expect(readHistory(plain, { since, now: NOW }).unknown[0]!.reason).toMatch(/^not a git repository/);
    const facts = readHistory(teamRepo().dir, { since, now: NOW, mainBranch: 'trunk' });
    expect(facts.unknown[0]!.reason).toBe('branch "trunk" not found: set history.mainBranch to the branch changes land on');
    const empty = new TestRepo();
    expect(readHistory(empty.dir, { since, now: NOW }).unknown[0]!.reason).toBe('no commits yet');
  });

  it('reads the configured main branch even when another branch is checked out', () => {
    const repo = teamRepo();
    repo.checkout('experiment', true);
    repo.commit(dave, 5, { 'k8s/x.yaml': 'kind: Job\n' });
    const onMain = readHistory(repo.dir, { since, now: NOW, mainBranch: 'main' });
    expect(onMain.deployChangers.map((p) => p.person)).not.toContain('dave@payments.acme.io');
    const onHead = readHistory(repo.dir, { since, now: NOW });
    expect(onHead.window.branch).toBe('experiment');
    expect(onHead.deployChangers.map((p) => p.person)).toContain('dave@payments.acme.io');
  });

  it('counts only the files below a scanned subfolder of a larger repository', () => {
    const repo = new TestRepo();
    repo.commit(alice, 50, { 'services/api/Dockerfile': 'FROM node:20\n' });
    repo.commit(bob, 40, { 'services/web/Dockerfile': 'FROM node:20\n' });
    const facts = readHistory(join(repo.dir, 'services/api'), { since, now: NOW });
    expect(facts.deployChangers).toEqual([{ person: 'alice@acme.io', commits: 1, share: 1 }]);
  });
});

describe('parseLog', () => {
  it('keeps a record whole when its subject contains the record separator', () => {
    const hash = 'a'.repeat(40);
    const out = `\x1e${hash}\x1f\x1fA\x1fa@x\x1fa@old\x1f100\x1fevil\x1esubject\0\nDockerfile\0`;
    expect(parseLog(out, 0)).toEqual([
      { hash, parents: [], name: 'A', email: 'a@x', rawEmail: 'a@old', time: 100, subject: 'evil\x1esubject', files: ['Dockerfile'] },
    ]);
  });
});

describe('deployCategoryOf', () => {
  it.each([
    ['infra/eks/main.tf', 'terraform'],
    ['envs/prod/terragrunt.hcl', 'terraform'],
    ['images/base.pkr.hcl', 'packer'],
    ['ansible/site.yml', 'ansible'],
    ['charts/web/Chart.yaml', 'helm'],
    ['charts/web/templates/deployment.yaml', 'helm'],
    ['deploy/overlays/prod/kustomization.yaml', 'kustomize'],
    ['k8s/deployment.yaml', 'kubernetes'],
    ['service.yaml', 'kubernetes'],
    ['infrastructure/controllers/cert-manager.yaml', 'kubernetes'],
    ['infra/monitoring/values.json', 'kubernetes'],
    ['.github/workflows/ci.yml', 'ci'],
    ['.gitlab-ci.yml', 'ci'],
    ['Jenkinsfile', 'ci'],
    ['services/api/Dockerfile', 'container'],
    ['Containerfile.dev', 'container'],
  ])('%s is a %s file', (path, category) => {
    expect(deployCategoryOf(path)).toBe(category);
  });

  it.each(['src/index.ts', 'README.md', 'package.json', 'vendor/k8s/deployment.yaml', 'docs/config.yaml'])('%s is not a deploy file', (path) => {
    expect(deployCategoryOf(path)).toBeUndefined();
  });
});
