import { describe, expect, it } from 'vitest';
import { fixtureRepo, writeTree } from '../../../test/helpers/fixtures.js';
import { ciPipelineFiles, ciSystemOf, fileNames, yamlFilesMatching } from './paths.js';

describe('file paths', () => {
  it('recognises pipeline files of every CI system, Jenkins files without a YAML extension included', () => {
    const systems = [
      '.github/workflows/ci.yml',
      'ci/.gitlab-ci.yml',
      '.circleci/config.yml',
      'Jenkinsfile',
      'build/release.Jenkinsfile',
      'jenkins/vars/deploy.groovy',
      'src/Main.groovy',
      'azure-pipelines.yml',
      'bitbucket-pipelines.yml',
      '.travis.yml',
      'cloudbuild.yaml',
      '.drone.yml',
      '.buildkite/pipeline.yml',
      'deploy/app.yaml',
      'main.go',
    ].map((path) => ciSystemOf(path) ?? '-');
    expect(systems).toEqual([
      'github-actions', 'gitlab-ci', 'circleci', 'jenkins', 'jenkins', 'jenkins', '-',
      'azure-pipelines', 'bitbucket-pipelines', 'travis', 'cloudbuild', 'drone', 'buildkite', '-', '-',
    ]);
  });

  it('lists pipeline files, file names and YAML files by pattern once per repository, in repository order', async () => {
    const repo = await fixtureRepo(
      writeTree({
        '.github/workflows/ci.yml': 'on: push\n',
        'Jenkinsfile': 'pipeline {}\n',
        'charts/web/Chart.yaml': 'name: web\n',
        'charts/web/values.yaml': 'image: nginx\n',
        'Chart.yaml.bak': 'name: old\n',
      }),
    );
    expect([...ciPipelineFiles(repo)]).toEqual([['.github/workflows/ci.yml', 'github-actions'], ['Jenkinsfile', 'jenkins']]);
    expect(fileNames(repo)).toEqual(repo.files.map((f) => f.path.split('/').pop()));
    expect(yamlFilesMatching(repo, /(^|\/)Chart\.ya?ml$/).map((f) => f.path)).toEqual(['charts/web/Chart.yaml']);
  });
});
