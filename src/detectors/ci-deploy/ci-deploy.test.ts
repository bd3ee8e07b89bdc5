import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { deployTool } from './deploy-commands.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('ci-deploy detector', () => {
  it('finds the deploy job of a workflow, a Jenkins stage and a script a GitLab job calls, naming the job', async () => {
    const result = await detectIn(detector, join(fixtures, 'deploying-service'));
    expect(places(result).sort()).toEqual(['.github/workflows/ci.yml:54', 'Jenkinsfile:13', 'scripts/deploy.sh:7']);
    const details = Object.fromEntries(result.evidence.map((e) => [e.file, e.detail]));
    expect(details['.github/workflows/ci.yml']).toBe('GitHub Actions job "deploy" runs `helm upgrade --install shop-api charts/api --namespace shop --set image.tag=${{ github.sha }} --wait --timeout 5m`');
    expect(details['scripts/deploy.sh']).toBe('scripts/deploy.sh (called by GitLab CI job "deploy-staging") runs `kubectl apply -k "deploy/overlays/${ENVIRONMENT}"`');
  });

  it('skips dry runs, chart rendering, echoed commands and jobs that deploy into their own kind cluster', async () => {
    const result = await detectIn(detector, join(fixtures, 'deploying-service'));
    expect(places(result)).not.toContain('.github/workflows/ci.yml:25');
    expect(places(result)).not.toContain('.github/workflows/ci.yml:51');
  });

  it('finds deploying Azure tasks and CircleCI orb commands but not a bake task', async () => {
    const result = await detectIn(detector, join(fixtures, 'azure-circleci'));
    expect(places(result).sort()).toEqual(['.circleci/config.yml:16', 'azure-pipelines.yml:19']);
  });

  it('ignores READMEs, lint and render jobs, kind e2e jobs and scripts no pipeline calls', async () => {
    const result = await detectIn(detector, join(fixtures, 'no-deploy'));
    expect(result.evidence).toEqual([]);
  });

  it('counts a Make target a pipeline calls and names the calling job', async () => {
    const root = writeTree({
      Makefile: 'deploy:\n\thelmfile --environment prod apply\n\nlint:\n\thelmfile lint\n',
      '.gitlab-ci.yml': 'release:\n  script:\n    - make deploy\n',
    });
    const result = await detectIn(detector, root);
    expect(places(result)).toEqual(['Makefile:2']);
    expect(result.evidence[0]?.detail).toBe('make deploy (called by GitLab CI job "release") runs `helmfile --environment prod apply`');
  });

  it('tells deploying commands from previews', () => {
    expect(deployTool('kubectl -n shop apply -f k8s/')).toBe('kubectl');
    expect(deployTool('kustomize build overlays/prod | kubectl apply -f -')).toBe('kubectl');
    expect(deployTool('skaffold run -p prod')).toBe('skaffold');
    expect(deployTool('kubectl diff -f k8s/')).toBeUndefined();
    expect(deployTool('helm diff upgrade shop charts/api')).toBeUndefined();
    expect(deployTool('helm plugin install https://github.com/databus23/helm-diff')).toBeUndefined();
    expect(deployTool('kubectl create secret generic x --dry-run=client -o yaml')).toBeUndefined();
    // printed text is not run, unless it is piped into kubectl
    expect(deployTool('echo "now run kubectl apply -f k8s/"')).toBeUndefined();
    expect(deployTool('echo "$KUBE_CONFIG" | kubectl apply -f -')).toBe('kubectl');
    expect(deployTool('printf "%s" "$MANIFEST" | kubectl apply --dry-run=client -f -')).toBeUndefined();
  });

  it('finds a CircleCI deploy that pipes a filled-in manifest template into kubectl apply -f -', async () => {
    // Modelled on CircleCI-Public/circleci-demo-k8s-gcp-hello-app (.circleci/config.yml, job deploy-to-gke).
    const root = writeTree({
      '.circleci/config.yml':
        'version: 2.1\njobs:\n  deploy-to-gke:\n    docker:\n      - image: google/cloud-sdk\n    steps:\n      - checkout\n      - run:\n          name: Deploy to GKE\n          command: |\n            gcloud container clusters get-credentials $GOOGLE_CLUSTER_NAME\n            KUBE_CONFIG=$(cat hello-app/manifests/helloweb-all-in-one.yaml.template | sed "s|DOCKER_IMAGE_NAME|$FULL_DOCKER_IMAGE_NAME|g")\n            echo "$KUBE_CONFIG" | kubectl apply -f -\n            kubectl rollout status deployment/helloweb\n          # a printed hint is not a deploy\n      - run: echo "kubectl apply -f hello-app/manifests/ by hand if this fails"\nworkflows:\n  build-deploy:\n    jobs:\n      - deploy-to-gke\n',
    });
    const result = await detectIn(detector, root);
    expect(result.evidence.map((e) => `${e.file}:${e.line} ${e.detail}`)).toEqual(['.circleci/config.yml:13 CircleCI job "deploy-to-gke" runs `echo "$KUBE_CONFIG" | kubectl apply -f -`']);
  });
});
