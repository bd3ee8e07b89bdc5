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

  it('finds a pipeline kept in a Groovy file not named Jenkinsfile, not Groovy classes or a shared library\'s src/', async () => {
    // Modelled on den-vasyliev/kbot: pipeline/jenkins.groovy is the declarative pipeline the Jenkins job points at.
    const root = writeTree({
      'pipeline/jenkins.groovy': "pipeline {\n    agent { label 'codespace' }\n    stages {\n        stage('test') {\n            steps { sh 'make test' }\n        }\n    }\n}\n",
      'jenkins/deploy.groovy': "// Deploys to the cluster\npodTemplate(containers: [containerTemplate(name: 'helm', image: 'alpine/helm:3.14.0')]) {\n  node(POD_LABEL) {\n    stage('deploy') { sh 'helm upgrade --install api charts/api' }\n  }\n}\n",
      'src/org/acme/Pipeline.groovy': 'package org.acme\nclass Pipeline implements Serializable {\n  def steps\n}\n',
      'scripts/Release.groovy': "def version = new File('VERSION').text\nprintln version\n",
    });
    expect(places(await detectIn(detector, root)).sort()).toEqual(['jenkins/deploy.groovy:2', 'pipeline/jenkins.groovy:1']);
  });
});
