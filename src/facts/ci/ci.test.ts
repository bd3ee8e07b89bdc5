import { describe, expect, it } from 'vitest';
import { fixtureRepo, writeTree } from '../../../test/helpers/fixtures.js';
import { ciFacts } from './ci.js';
import { ciPipelineFiles } from '../files/paths.js';
import { imagePushes } from '../images/image-pushes.js';

describe('CI facts', () => {
  it('reads the steps of a repository\'s own composite actions as GitHub Actions steps', async () => {
    const repo = await fixtureRepo(
      writeTree({
        '.github/actions/deploy/action.yml': 'name: deploy\nruns:\n  using: composite\n  steps:\n    - uses: azure/setup-helm@v4\n    - run: helm upgrade --install api charts/api\n      shell: bash\n',
        '.github/actions/node/action.yml': 'name: node\nruns:\n  using: node20\n  main: index.js\n',
      }),
    );
    const facts = ciFacts(repo);
    expect(facts.commands.map((c) => `${c.file}:${c.line} ${c.origin} ${c.text}`)).toEqual(['.github/actions/deploy/action.yml:6 github-actions helm upgrade --install api charts/api']);
    expect(facts.uses.map((u) => `${u.line} ${u.ref} ${u.job}`)).toEqual(['5 azure/setup-helm@v4 deploy']);
  });

  it('joins a Make recipe line continued with a backslash into one command, at its first line and target', async () => {
    const makefile = [
      'IMAGE ?= ghcr.io/acme/shop',
      'deploy: ## deploy to the current context',
      '\t@helm upgrade --install shop ./chart \\',
      '\t\t--namespace shop \\',
      '\t\t--set image.repository=$(IMAGE)',
      '\tkubectl rollout status deploy/shop -n shop',
      '',
    ].join('\n');
    const repo = await fixtureRepo(writeTree({ Makefile: makefile }));
    expect(ciFacts(repo).commands.map((c) => `${c.line} ${c.job} ${c.text}`)).toEqual([
      '3 deploy helm upgrade --install shop ./chart --namespace shop --set image.repository=$(IMAGE)',
      '6 deploy kubectl rollout status deploy/shop -n shop',
    ]);
  });

  it('joins backslash-continued shell lines inside a Jenkinsfile sh block', async () => {
    const jenkinsfile = [
      'pipeline {',
      '  agent any',
      '  stages {',
      "    stage('Deploy') {",
      '      steps {',
      "        sh '''",
      '          helm upgrade --install web ./chart \\',
      '            --namespace web \\',
      '            --set image.tag=${GIT_COMMIT}',
      '          kubectl rollout status deploy/web -n web',
      "        '''",
      '      }',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    const repo = await fixtureRepo(writeTree({ Jenkinsfile: jenkinsfile }));
    expect(ciFacts(repo).commands.map((c) => `${c.line} ${c.job} ${c.text}`)).toEqual([
      '7 Deploy helm upgrade --install web ./chart --namespace web --set image.tag=${GIT_COMMIT}',
      '10 Deploy kubectl rollout status deploy/web -n web',
    ]);
  });

  it('records each GitLab include once', async () => {
    const repo = await fixtureRepo(writeTree({ '.gitlab-ci.yml': 'include:\n  - template: Security/Container-Scanning.gitlab-ci.yml\n  - local: ci/build.yml\nbuild:\n  script: [make]\n' }));
    expect(ciFacts(repo).uses.map((u) => `${u.line} ${u.ref}`)).toEqual(['2 Security/Container-Scanning.gitlab-ci.yml', '3 ci/build.yml']);
  });

  it('drops lines that only print text, and keeps one space where continuation lines join', async () => {
    const repo = await fixtureRepo(
      writeTree({ 'deploy.sh': 'echo "now run kubectl apply -f k8s/"\nprintf "%s\\n" done\necho "$(kubectl version)"\nhelm upgrade api charts/api \\\n  --namespace shop \\\n  --wait\n' }),
    );
    expect(ciFacts(repo).commands.map((c) => `${c.line} ${c.text}`)).toEqual(['3 echo "$(kubectl version)"', '4 helm upgrade api charts/api --namespace shop --wait']);
  });

  it('reads a Cloud Build step with an entrypoint as that program run with its args', async () => {
    const repo = await fixtureRepo(
      writeTree({ 'cloudbuild.yaml': "steps:\n  - name: gcr.io/cloud-builders/gcloud\n    entrypoint: bash\n    args: ['-c', 'gcloud container clusters get-credentials prod']\n  - name: gcr.io/cloud-builders/docker\n    args: [build, -t, app, .]\n" }),
    );
    expect(ciFacts(repo).commands.map((c) => `${c.line} ${c.text}`)).toEqual(['4 bash -c gcloud container clusters get-credentials prod', '6 docker build -t app .']);
  });

  it('reads Azure Pipelines YAML kept in a pipelines/ folder, known by its shape, with the pushes of its inline scripts', async () => {
    // Modelled on Azure-Samples/private-aks-cluster-terraform-devops (pipelines/ci-test-web-app.yml).
    const repo = await fixtureRepo(
      writeTree({
        'pipelines/ci-test-web-app.yml':
          "trigger:\n  branches:\n    include:\n    - '*'\npr: none\npool: Terraform\nstages:\n- stage: create_container_image\n  jobs:\n  - job: create_container_image\n    steps:\n    - task: AzureCLI@2\n      displayName: 'Container Image Build and Push'\n      inputs:\n        scriptType: bash\n        scriptLocation: inlineScript\n        inlineScript: |\n          loginServer=$(az acr show --name $(acrName) --query loginServer --output tsv)\n          docker build -t $loginServer/$(imageName):$(imageTag) .\n          docker push $loginServer/$(imageName):$(imageTag)\n",
        // Concourse tasks have no Name@N: not Azure Pipelines
        'ci/pipeline.yml': 'resources:\n- name: source\n  type: git\njobs:\n- name: unit\n  plan:\n  - get: source\n  - task: unit\n    file: source/ci/tasks/unit.yml\n',
        'k8s/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n',
      }),
    );
    expect([...ciPipelineFiles(repo)]).toEqual([['pipelines/ci-test-web-app.yml', 'azure-pipelines']]);
    expect(imagePushes(repo).map((p) => `${p.file}:${p.line} ${p.method}`)).toEqual(['pipelines/ci-test-web-app.yml:20 docker push']);
  });
});
