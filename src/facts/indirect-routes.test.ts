import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectAll, fixtureRepo, writeTree } from '../../test/helpers/fixtures.js';
import { DETECTORS } from '../detectors/registry.js';
import { chartRefs } from './k8s/charts.js';
import { provisioningCommands } from './iac/provisioning-commands.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'indirect-routes');

describe('tools installed by indirect routes', () => {
  it('Ansible helm tasks (kubernetes.core and community.kubernetes) install charts: Helm and what the chart deploys', async () => {
    const dir = join(fixtures, 'ansible-cluster');
    const refs = chartRefs(await fixtureRepo(dir)).filter((r) => r.via === 'ansible-helm');
    expect(refs.map((r) => `${r.file}:${r.line} ${r.chart} ${r.repository ?? ''}`.trim())).toEqual([
      'roles/ingress/tasks/main.yml:6 ingress-nginx https://kubernetes.github.io/ingress-nginx',
      'roles/monitoring/tasks/main.yml:12 kube-prometheus-stack',
    ]);
    const found = await detectAll(dir);
    expect(found.get('helm')).toEqual(expect.arrayContaining(['roles/monitoring/tasks/main.yml:12', 'roles/ingress/tasks/main.yml:6']));
    for (const id of ['prometheus', 'grafana', 'alertmanager']) expect(found.get(id), id).toContain('roles/monitoring/tasks/main.yml:12');
  });

  it('a role template *.yaml.j2 is a manifest: its probes and its :latest image count', async () => {
    const found = await detectAll(join(fixtures, 'ansible-cluster'));
    expect(found.get('probes')).toEqual(['roles/apps/templates/api-deployment.yaml.j2:32', 'roles/apps/templates/api-deployment.yaml.j2:28']);
    expect(found.get('latest-tag-images')).toEqual(['roles/apps/templates/api-deployment.yaml.j2:22']);
  });

  it('CloudFormation registry types: AWSQS::EKS::Cluster is an EKS cluster, AWSQS::Kubernetes::Helm installs a chart', async () => {
    const found = await detectAll(join(fixtures, 'quickstart-eks'));
    expect(found.get('eks')).toEqual(['templates/eks-cluster.template.yaml:11']);
    expect(found.get('cloudformation')).toBeDefined();
    expect(found.get('helm')).toEqual(['templates/eks-cluster.template.yaml:26']);
    expect(found.get('prometheus')).toEqual(['templates/eks-cluster.template.yaml:26']);
  });

  it('an OpenShift Template in JSON deploys its objects: workloads, probes and images inside it count', async () => {
    const found = await detectAll(join(fixtures, 'openshift-app'));
    // JSON carries no positions: the evidence points at the object's "kind" line.
    expect(found.get('probes')).toEqual(['openshift/orders-template.json:7', 'openshift/orders-template.json:7']);
    expect(found.get('latest-tag-images')).toEqual(['openshift/orders-template.json:7']);
    expect(found.get('k8s-manifests')).toEqual(expect.arrayContaining(['openshift/orders-template.json:2']));
  });

  it('a Jenkins shop: a script called through ${WORKSPACE} and a shared-library step deploy; kubectl apply of release URLs installs the projects', async () => {
    const found = await detectAll(join(fixtures, 'jenkins-shop'));
    expect(found.get('ci-deploy')).toEqual(expect.arrayContaining(['ci/deploy.sh:6', 'ci/deploy.sh:9', 'vars/deployService.groovy:4']));
    expect(found.get('jaeger')).toEqual(['ci/deploy.sh:6']);
    expect(found.get('sealed-secrets')).toEqual(['ci/deploy.sh:7']);
    expect(found.get('jenkins')).toBeDefined();
  });

  it('a Tekton step runs its image: aquasec/trivy:latest with args is a Trivy scan (the tag no longer hides the program)', async () => {
    const found = await detectAll(join(fixtures, 'tekton-scans'));
    expect(found.get('trivy')).toEqual(['.tekton/image-scan.yaml:14']);
    // The CircleCI snyk orb's scan step already counted; the policy file adds its own place.
    expect(found.get('snyk')).toEqual(['.circleci/config.yml:11', '.snyk:2']);
  });

  it('a .snyk policy file alone shows Snyk in use; a .snyk without a policy version does not', async () => {
    expect((await detectAll(join(fixtures, 'snyk-policy-only'))).get('snyk')).toEqual(['.snyk:2']);
    const empty = await detectAll(writeTree({ '.snyk': '# nothing yet\n' }));
    expect(empty.get('snyk')).toBeUndefined();
  });

  it('add-ons an operator resource switches on are deployed: IstioOperator and ServiceMeshControlPlane', async () => {
    const found = await detectAll(join(fixtures, 'istio-addons'));
    expect(found.get('grafana')).toEqual(['istio/control-plane.yaml:11']);
    expect(found.get('prometheus')).toEqual(['istio/control-plane.yaml:18']);
    // values.tracing.provider zipkin makes the tracing add-on Zipkin; OpenShift Service Mesh tracing type Jaeger.
    expect(found.get('zipkin')).toEqual(['istio/control-plane.yaml:15']);
    expect(found.get('jaeger')).toEqual(['ossm/smcp.yaml:9']);
    // The Istio Prometheus add-on has no Alertmanager; a switched-off add-on deploys nothing.
    expect(found.get('alertmanager')).toBeUndefined();
    expect(found.get('latest-tag-images')).toBeUndefined();
  });

  it('Terraform: HCP Vault is Vault, the kustomization provider is kustomize, the helm provider alone is Helm', async () => {
    const found = await detectAll(join(fixtures, 'terraform-managed'));
    expect(found.get('vault')).toEqual(['platform/vault.tf:8']);
    expect(found.get('kustomize')).toEqual(expect.arrayContaining(['platform/versions.tf:8', 'platform/apps.tf:1', 'platform/apps.tf:5']));
    expect(found.get('helm')).toEqual(['addons/main.tf:2']);
  });

  it('probes and images set through release values (HelmRelease, Argo CD valuesObject, kustomize helmCharts) count', async () => {
    const dir = join(fixtures, 'gitops-values');
    const repo = await fixtureRepo(dir);
    const probes = DETECTORS.find((d) => d.id === 'probes')!.detect(repo);
    expect(probes.evidence.map((e) => `${e.file}:${e.line}`)).toEqual([
      'kubernetes/apps/media/app/helmrelease.yaml:20',
      'kubernetes/apps/media/app/helmrelease.yaml:27',
      'kubernetes/apps/tools/argocd/grafana.yaml:17',
      'kubernetes/apps/tools/argocd/grafana.yaml:21',
    ]);
    // The exporter's liveness is switched off and loki's readinessProbe is empty: neither declares a probe.
    expect(probes.coverage).toMatchObject({ covered: 2, total: 2 });
    const found = await detectAll(dir);
    expect(found.get('latest-tag-images')).toEqual(['kubernetes/apps/media/app/helmrelease.yaml:30']);
  });

  it('an Ansible role that downloads an installer (get_url https://get.rke2.io, https://get.k3s.io) names the distribution', async () => {
    const dir = join(fixtures, 'ansible-rke2');
    const commands = provisioningCommands(await fixtureRepo(dir)).filter((c) => c.text.startsWith('ansible.builtin.get_url'));
    expect(commands.map((c) => `${c.file}:${c.line} ${c.text}`)).toEqual([
      'roles/k3s_agent/tasks/main.yml:4 ansible.builtin.get_url https://get.k3s.io',
      'roles/rke2_server/tasks/main.yml:4 ansible.builtin.get_url https://get.rke2.io',
    ]);
    // The role writes no RKE2 config and starts no service: the download is its only RKE2 footprint.
    expect((await detectAll(dir)).get('rke')).toEqual(['roles/rke2_server/tasks/main.yml:4']);
  });

  it('a signal described as data (k3s) sees the same provisioning routes as code detectors: the Ansible download of get.k3s.io', async () => {
    const found = await detectAll(join(fixtures, 'ansible-rke2'));
    expect(found.get('k3s')).toEqual(['roles/k3s_agent/tasks/main.yml:4']);
  });
});

