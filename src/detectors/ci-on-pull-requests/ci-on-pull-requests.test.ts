import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { admitsMergeRequests } from './gitlab.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('ci-on-pull-requests detector', () => {
  it('finds pull-request triggers of every CI system in one repository', async () => {
    const result = await detectIn(detector, join(fixtures, 'many-ci'));
    expect(places(result).sort()).toEqual([
      '.circleci/config.yml:16',
      '.github/workflows/ci.yml:5',
      '.github/workflows/lint.yml:2',
      '.gitlab-ci.yml:3',
      '.tekton/pull-request.yaml:7',
      'Jenkinsfile:8',
      'azure-pipelines.yml:3',
      'bitbucket-pipelines.yml:6',
    ]);
  });

  it('skips a scheduled CircleCI workflow and reports the one that builds pushed branches', async () => {
    const result = await detectIn(detector, join(fixtures, 'many-ci'));
    expect(result.evidence.find((e) => e.file === '.circleci/config.yml')?.detail).toBe('CircleCI workflow "test-and-publish" builds every pushed branch, pull requests included');
  });

  it('does not count push-only workflows, excluded merge requests, pr: none, tag-only CircleCI or comments', async () => {
    const result = await detectIn(detector, join(fixtures, 'push-only'));
    expect(result.evidence).toEqual([]);
  });

  it('counts the pull-request builds Azure Pipelines and Drone run by default, not an included template or an excluded event', async () => {
    const root = writeTree({
      // As a GitHub-hosted Azure shop commits it: CI trigger on main, no pr: key, steps in a template.
      'azure-pipelines.yml': 'trigger:\n  branches:\n    include: [main]\npool:\n  vmImage: ubuntu-latest\nstages:\n  - stage: build\n    jobs:\n      - template: .azure-pipelines/build-job.yml\n',
      '.azure-pipelines/build-job.yml': 'parameters:\n  - name: image\n    default: app\njobs:\n  - job: build\n    steps:\n      - script: docker build .\n',
      '.drone.yml': 'kind: pipeline\ntype: docker\nname: default\nsteps:\n  - name: test\n    image: golang:1.23\n    commands: [go test ./...]\n',
    });
    const result = await detectIn(detector, root);
    expect(places(result)).toEqual(['azure-pipelines.yml:1', '.drone.yml:1']);
    expect(result.evidence[0]?.detail).toContain('by default (no pr: key');

    const excluded = writeTree({
      '.drone.yml': 'kind: pipeline\nname: publish\ntrigger:\n  event:\n    exclude: [pull_request]\nsteps:\n  - name: push\n    image: plugins/docker\n',
      'azure-pipelines.yml': 'trigger: [main]\npr: none\nsteps:\n  - script: make\n',
    });
    expect(places(await detectIn(detector, excluded))).toEqual([]);
  });

  it('counts a GitLab job limited to merge requests with only:', async () => {
    const root = writeTree({ '.gitlab-ci.yml': 'stages: [test]\nlint:\n  stage: test\n  script: [make lint]\n  only:\n    - merge_requests\n' });
    expect(places(await detectIn(detector, root))).toEqual(['.gitlab-ci.yml:5']);
  });

  it('reads GitLab rule conditions', () => {
    expect(admitsMergeRequests('$CI_PIPELINE_SOURCE == "merge_request_event"')).toBe(true);
    expect(admitsMergeRequests('$CI_MERGE_REQUEST_IID && $CI_MERGE_REQUEST_TARGET_BRANCH_NAME == "main"')).toBe(true);
    expect(admitsMergeRequests('$CI_PIPELINE_SOURCE != "merge_request_event"')).toBe(false);
    expect(admitsMergeRequests('$CI_MERGE_REQUEST_IID == null')).toBe(false);
    expect(admitsMergeRequests('$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH')).toBe(false);
  });

  it('counts a Buildkite pipeline with a step for branches other than the default one or for pull requests, not one without filters', async () => {
    // Modelled on buildkite/agent-stack-k8s: a push step for feature branches, deploy on main.
    const pipeline =
      'agents:\n  queue: kubernetes\n\nsteps:\n  - label: ":go: lint"\n    key: lint\n    command: golangci-lint run ./...\n\n  - wait\n\n' +
      '  - if: build.branch != pipeline.default_branch && build.tag !~ /^.+$$/\n    label: ":helm: push feature branch chart"\n    command: .buildkite/steps/build-and-push-helm.sh\n\n' +
      '  - if: build.branch == pipeline.default_branch\n    label: ":shipit: deploy"\n    command: .buildkite/steps/deploy.sh\n';
    const featureBranches = await detectIn(detector, writeTree({ '.buildkite/pipeline.yaml': pipeline, '.buildkite/rbac.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: agent\n' }));
    expect(places(featureBranches)).toEqual(['.buildkite/pipeline.yaml:11']);
    expect(featureBranches.evidence[0]!.detail).toBe('Buildkite step ":helm: push feature branch chart" runs for branches other than the default one');

    const pullRequests = 'steps:\n  - group: checks\n    steps:\n      - label: preview\n        if: build.pull_request.id != null\n        command: make preview\n';
    expect(places(await detectIn(detector, writeTree({ '.buildkite/pipeline.yml': pullRequests })))).toEqual(['.buildkite/pipeline.yml:4']);
    // Modelled on buildkite/elastic-ci-stack-for-aws: no branch filter; pull-request builds are a setting in Buildkite.
    const unfiltered = 'steps:\n  - label: ":bash: Lint"\n    if: build.source != "schedule"\n    command: .buildkite/steps/lint.sh\n  - wait\n  - label: release\n    branches: main\n    command: make release\n';
    expect((await detectIn(detector, writeTree({ '.buildkite/pipeline.yml': unfiltered }))).evidence).toEqual([]);
  });
});
