import { describe, expect, it } from 'vitest';
import { scanOrganization } from '../../src/scan/organization.js';
import { alice, bob, NOW, TestRepo } from './git-fixture.js';

/**
 * The article's stage 2: the operations team changes the platform through pull requests. A
 * platform repository's own merge history is that evidence, scanned alone, with no service.
 */
function platformRepo(): TestRepo {
  const repo = new TestRepo();
  repo.commit(alice, 170, { 'infra/main.tf': 'resource "aws_eks_cluster" "main" {}\n', 'k8s/monitoring.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n' }, 'Bootstrap');
  for (const [index, author] of [bob, alice, bob].entries()) {
    repo.checkout(`change-${index}`, true);
    repo.commit(author, 150 - index * 20, { [`k8s/app-${index}.yaml`]: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-${index}\n` });
    repo.checkout('main');
    repo.merge(`change-${index}`, author, 149 - index * 20, `Merge pull request #${index + 1} from acme/change-${index}`);
  }
  repo.commit(bob, 60, { 'infra/main.tf': 'resource "aws_eks_cluster" "main" { version = "1.30" }\n' }, 'Upgrade the cluster (#9)');
  return repo;
}

describe('a platform repository\'s own pull-request flow', () => {
  it('is judged at stage 2 from its merge history', async () => {
    const repo = platformRepo();
    const assessment = await scanOrganization({ paths: [repo.dir], cwd: repo.dir, now: NOW, toolVersion: '0.0.0-test' });
    expect(assessment.repositories[0]!.kind).toBe('platform');
    const flow = assessment.capabilities.find((c) => c.id === 'platform-pull-requests');
    expect(flow).toMatchObject({ stage: 2, scope: 'platform', status: 'met', signals: ['merged-pull-requests'] });
    expect(flow!.evidence).toEqual([
      { history: '4 of 5 changes to main came through pull requests in the last 180 days (80%)', repository: repo.dir, source: 'history' },
    ]);
  });

  it('is missing, with the share, when the platform is changed by direct pushes', async () => {
    const repo = new TestRepo();
    repo.commit(alice, 100, { 'infra/main.tf': 'resource "aws_eks_cluster" "main" {}\n' });
    repo.commit(bob, 90, { 'infra/main.tf': 'resource "aws_eks_cluster" "main" { version = "1.30" }\n' });
    const assessment = await scanOrganization({ paths: [repo.dir], cwd: repo.dir, now: NOW, toolVersion: '0.0.0-test' });
    expect(assessment.capabilities.find((c) => c.id === 'platform-pull-requests')).toMatchObject({
      status: 'missing',
      reason: '0 of 2 changes to main came through pull requests in the last 180 days (0%); counted from 50%',
    });
  });

  it('is unknown, not missing, when only a service repository is scanned', async () => {
    const repo = new TestRepo();
    repo.commit(alice, 100, { 'Dockerfile': 'FROM node:20\n', 'src/index.js': 'console.log(1)\n', 'src/a.js': '1\n', 'src/b.js': '2\n' });
    repo.commit(bob, 90, { 'src/index.js': 'console.log(2)\n' });
    const assessment = await scanOrganization({ paths: [repo.dir], cwd: repo.dir, now: NOW, toolVersion: '0.0.0-test' });
    expect(assessment.repositories[0]!.kind).toBe('service');
    expect(assessment.capabilities.find((c) => c.id === 'platform-pull-requests')).toMatchObject({ status: 'unknown', reason: 'needs a platform repository; none was scanned' });
  });
});
