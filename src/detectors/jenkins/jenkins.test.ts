import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('jenkins detector', () => {
  it('finds declarative and scripted Jenkinsfiles, a shared library, JCasC and a custom controller image', async () => {
    const result = await detectIn(detector, join(fixtures, 'jenkins-platform'));
    expect(places(result).sort()).toEqual([
      'Jenkinsfile:5',
      'jenkins-shared-lib/vars/deployService.groovy:2',
      'jenkins/Dockerfile:4',
      'jenkins/casc/jenkins.yaml:1',
      'services/worker/Jenkinsfile.release:2',
    ]);
    expect(result.evidence.find((e) => e.file === 'Jenkinsfile')?.detail).toBe('declarative pipeline');
  });

  it('ignores READMEs, commented-out pipelines, docs copies, plain Groovy and non-JCasC YAML', async () => {
    const result = await detectIn(detector, join(fixtures, 'no-jenkins'));
    expect(result.evidence).toEqual([]);
  });

  it('counts a Jenkinsfile that only calls a library step, and Jenkins installed by its chart', async () => {
    const root = writeTree({
      Jenkinsfile: "// see https://github.com/jenkins-infra/pipeline-library\nbuildPlugin(useContainerAgent: true)\n",
      'platform/jenkins.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: jenkins\nspec:\n  source:\n    repoURL: https://charts.jenkins.io\n    chart: jenkins\n    targetRevision: 5.1.0\n',
    });
    expect(places(await detectIn(detector, root)).sort()).toEqual(['Jenkinsfile:2', 'platform/jenkins.yaml:8']);
  });
});
