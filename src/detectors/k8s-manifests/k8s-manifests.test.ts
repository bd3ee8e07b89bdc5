import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { detector } from './index.js';
import { isClusterObject } from '../../facts/k8s/object-kinds.js';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('k8s-manifests detector', () => {
  it('finds the first object of each plain manifest file, skipping chart templates, patches and kustomizations', async () => {
    const result = await detectIn(detector, join(fixtures, 'shop-deploy'));
    expect(places(result).sort()).toEqual(['deploy/base/api.yaml:2', 'deploy/base/cleanup-cronjob.yaml:1', 'platform/ingress.yaml:3']);
    expect(result.evidence[0]?.detail).toBe('apps/v1 Deployment api');
  });

  it('does not count tool configuration that borrows apiVersion/kind, READMEs, compose or workflow files', async () => {
    const result = await detectIn(detector, join(fixtures, 'tool-configs'));
    expect(result.evidence).toEqual([]);
  });

  it('counts custom resources a team keeps in git', async () => {
    const root = writeTree({
      'clusters/prod/certs.yaml': 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: letsencrypt\nspec:\n  acme: {}\n',
    });
    expect(places(await detectIn(detector, root))).toEqual(['clusters/prod/certs.yaml:1']);
  });

  it('counts a .yaml.template or .yml.tpl manifest filled in before it is applied, not a template of something else', async () => {
    // Modelled on circleci-demo-k8s-gcp-hello-app: hello-app/manifests/helloweb-all-in-one.yaml.template.
    const root = writeTree({
      'hello-app/manifests/helloweb-all-in-one.yaml.template':
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: helloweb\nspec:\n  type: LoadBalancer\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: helloweb\nspec:\n  template:\n    spec:\n      containers:\n      - name: hello-app\n        image: DOCKER_IMAGE_NAME\n',
      'deploy/ingress.yml.tpl': 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${APP_NAME}\nspec:\n  rules: []\n',
      // templates of other things: a CI config, an app setting with a kind key
      'ci/pipeline.yaml.template': 'jobs:\n  - name: build\n',
      'config/app.yaml.tpl': 'kind: settings\nname: api\n',
    });
    const result = await detectIn(detector, root);
    expect(places(result).sort()).toEqual(['deploy/ingress.yml.tpl:1', 'hello-app/manifests/helloweb-all-in-one.yaml.template:1']);
    expect(result.evidence.find((e) => e.file.startsWith('hello-app'))?.detail).toBe('v1 Service helloweb (a template filled in before it is applied)');
  });

  it('tells cluster objects from lookalike envelopes', () => {
    expect(isClusterObject('apps/v1', 'Deployment')).toBe(true);
    expect(isClusterObject('v1', 'Service')).toBe(true);
    expect(isClusterObject('monitoring.coreos.com/v1', 'ServiceMonitor')).toBe(true);
    expect(isClusterObject('v1', 'Config')).toBe(false);
    expect(isClusterObject('skaffold/v4beta6', 'Config')).toBe(false);
    expect(isClusterObject('kubelet.config.k8s.io/v1beta1', 'KubeletConfiguration')).toBe(false);
    expect(isClusterObject('backstage.io/v1alpha1', 'Component')).toBe(false);
    expect(isClusterObject('blueprints.cloud.google.com/v1alpha1', 'BlueprintMetadata')).toBe(false);
    expect(isClusterObject('v2', 'chart')).toBe(false);
  });

  it('survives empty, binary-looking and list documents', async () => {
    const root = writeTree({
      'k8s/empty.yaml': '---\n---\n',
      'k8s/list.yaml': 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: settings\n  - 42\n',
      'k8s/odd.yaml': 'apiVersion: 7\nkind: [Deployment]\n',
    });
    expect(places(await detectIn(detector, root))).toEqual(['k8s/list.yaml:4']);
  });

  it('does not count a test role\'s Pod, a Helm test hook or a sample Ingress named example-*.yaml as manifests in use', async () => {
    // Modelled on rancherfederal/rke2-ansible (roles/testing/files/basic-deployment.yaml, a Pod the
    // integration test applies) and aws-quickstart/cdk-eks-blueprints examples (example-ingress.yaml).
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: automated-testing-pod\nspec:\n  containers:\n    - name: web\n      image: nginx:alpine\n';
    const root = writeTree({
      'roles/testing/files/basic-deployment.yaml': `---\n${pod}`,
      'roles/testing/tasks/main.yml': '- name: Apply the test pod\n  kubernetes.core.k8s:\n    src: basic-deployment.yaml\n',
      'testing/main.tf': 'provider "aws" {\n  region = "us-gov-west-1"\n}\n',
      'rendered/connection-test.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-test-connection\n  annotations:\n    "helm.sh/hook": test\nspec:\n  containers:\n    - name: wget\n      image: busybox:1.36\n',
      'example-ingress.yaml': 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: example-ingress\nspec:\n  rules: []\n',
      // what the team does apply, including an environment named testing deeper down
      'deploy/overlays/testing/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop-testing\n',
      'deploy/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
    });
    expect(places(await detectIn(detector, root)).sort()).toEqual(['deploy/overlays/testing/namespace.yaml:1', 'deploy/web.yaml:1']);
  });
});
