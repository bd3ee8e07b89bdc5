import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('latest-tag-images detector', () => {
  it('flags :latest and untagged images in manifests, chart values and compose files', async () => {
    const result = await detectIn(detector, join(fixtures, 'floating'));
    expect(places(result).sort()).toEqual(['deploy/app.yaml:14', 'deploy/app.yaml:19', 'charts/web/values.yaml:6', 'docker-compose.yml:6'].sort());
    expect(result.evidence.find((e) => e.line === 19)?.detail).toBe('image redis (no tag, manifest)');
    expect(result.evidence.find((e) => e.file.endsWith('values.yaml'))?.detail).toBe('image nginx:latest (latest tag, values)');
  });

  it('leaves Dockerfile bases, skaffold-built images, variables, digests and pinned tags alone', async () => {
    const result = await detectIn(detector, join(fixtures, 'pinned'));
    expect(result.evidence).toEqual([]);
  });

  it('leaves untagged images of Helm test hooks alone: they run on `helm test`, not in the release (stefanprodan/podinfo)', async () => {
    const result = await detectIn(detector, join(fixtures, 'chart-tests'));
    expect(result.evidence).toEqual([]);
  });

  it('does not read an untagged image in chart values as :latest: the chart supplies the tag (appVersion or a tag key beside it)', async () => {
    // Modelled on ronaldmiranda/microservice-users-api (helm/values.yaml) and a chart whose tag defaults to appVersion.
    const root = writeTree({
      'helm/Chart.yaml': 'apiVersion: v2\nname: users-api\nversion: 0.1.0\ndependencies:\n  - name: microservice-deploys\n    version: 0.1.0\n    repository: https://ronaldmiranda.github.io/helm-charts\n',
      'helm/values.yaml': 'microservice-deploys:\n  container:\n    microserviceName: users-api\n    image: ronaldmiranda/users-api\n    tag: 1cb554f\n',
      'charts/api/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 1.0.0\nappVersion: "2.4.1"\n',
      'charts/api/values.yaml': 'image:\n  repository: ghcr.io/acme/api\n  tag: ""\nworker:\n  image:\n    repository: ghcr.io/acme/worker\n  cache:\n    image: redis:latest\n',
    });
    const result = await detectIn(detector, root);
    // only the explicit :latest remains
    expect(result.evidence.map((e) => e.detail)).toEqual(['image redis:latest (latest tag, values)']);
  });

  it('leaves an untagged image alone when a Tilt custom_build names it by keyword (ref = …), as Spring Boot Tiltfiles do', async () => {
    // Modelled on a Cloud Native Spring in Action service (Tiltfile with custom_build(ref = 'catalog-service', …)).
    const root = writeTree({
      Tiltfile: "# Build\ncustom_build(\n    # Name of the container image\n    ref = 'catalog-service',\n    command = './gradlew bootBuildImage --imageName $EXPECTED_REF',\n    deps = ['build.gradle', 'src']\n)\nk8s_yaml(kustomize('k8s'))\n",
      'k8s/kustomization.yml': 'resources:\n  - deployment.yml\n',
      'k8s/deployment.yml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: catalog-service\nspec:\n  template:\n    spec:\n      containers:\n        - name: catalog-service\n          image: catalog-service\n        - name: sidecar\n          image: busybox\n',
    });
    const result = await detectIn(detector, root);
    expect(result.evidence.map((e) => e.detail)).toEqual(['image busybox (no tag, manifest)']);
  });

  it('leaves an untagged image alone when an Azure Pipelines KubernetesManifest deploy sets it through containers:', async () => {
    // Modelled on the pipeline Azure DevOps generates for "Deploy to Azure Kubernetes Service".
    const root = writeTree({
      'azure-pipelines.yml': [
        'trigger:\n- master\n',
        'variables:\n  imageRepository: \'shop-api\'\n  containerRegistry: \'acmeshop.azurecr.io\'\n  tag: \'$(Build.BuildId)\'\n',
        'stages:\n- stage: Deploy\n  jobs:\n  - deployment: Deploy\n    strategy:\n      runOnce:\n        deploy:\n          steps:\n',
        '          - task: KubernetesManifest@0\n            inputs:\n              action: deploy\n              manifests: |\n                $(Pipeline.Workspace)/manifests/deployment.yml\n',
        '              containers: |\n                $(containerRegistry)/$(imageRepository):$(tag)\n',
      ].join(''),
      'manifests/deployment.yml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-api\nspec:\n  template:\n    spec:\n      containers:\n        - name: shop-api\n          image: acmeshop.azurecr.io/shop-api\n        - name: cache\n          image: acmeshop.azurecr.io/cache\n',
    });
    const result = await detectIn(detector, root);
    expect(result.evidence.map((e) => e.detail)).toEqual(['image acmeshop.azurecr.io/cache (no tag, manifest)']);
  });
});
