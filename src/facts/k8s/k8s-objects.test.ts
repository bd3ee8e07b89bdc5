import { describe, expect, it } from 'vitest';
import { fixtureRepo, writeTree } from '../../../test/helpers/fixtures.js';
import { k8sObjects, objectsOfKind, objectsWhere, workloads } from './k8s-objects.js';
import { deployedImages } from '../images/images.js';

describe('Kubernetes objects', () => {
  it('skips dotfiles: tool configuration that borrows apiVersion/kind is never applied', async () => {
    const repo = await fixtureRepo(
      writeTree({
        '.kube-linter.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lint\n',
        'k8s/.fluxschema.yml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: schema\n',
        'k8s/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n',
      }),
    );
    expect(k8sObjects(repo).map((o) => `${o.file} ${o.name}`)).toEqual(['k8s/app.yaml app']);
  });

  it('keeps the config-only groups other detectors read (kubeadm, audit policies, kind clusters)', async () => {
    const repo = await fixtureRepo(
      writeTree({
        'kubeadm.yaml': 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n',
        'audit/policy.yaml': 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: []\n',
      }),
    );
    expect(k8sObjects(repo).map((o) => o.group).sort()).toEqual(['audit.k8s.io', 'kubeadm.k8s.io']);
  });

  it('reads manifests in Terraform heredocs with the lines of the .tf file, interpolations blanked', async () => {
    const repo = await fixtureRepo(
      writeTree({
        'infra/main.tf': [
          // The real files (aws-ia/terraform-aws-eks-blueprints patterns/external-secrets/main.tf) put these far down.
          ...Array.from({ length: 240 }, (_, i) => `# ${i + 1}`),
          'resource "kubectl_manifest" "agent" {', // 1 (+240): the line comments below count from here
          '  yaml_body = <<-YAML', // 2
          '    apiVersion: apps/v1', // 3
          '    kind: DaemonSet', // 4
          '    metadata:', // 5
          '      name: ${local.name}-agent', // 6
          '    spec:', // 7
          '      template:', // 8
          '        spec:', // 9
          '          containers:', // 10
          '            - name: agent', // 11
          '              image: "${var.registry}/agent:1.4.2"', // 12
          '    ---', // 13
          '    apiVersion: v1', // 14
          '    kind: ConfigMap', // 15
          '    metadata:', // 16
          '      name: agent-config', // 17
          '  YAML', // 18
          '}', // 19
          'resource "null_resource" "x" {', // 20
          '  triggers = { kind = "apiVersion" }', // 21
          '}', // 22
        ].join('\n'),
      }),
    );
    expect(k8sObjects(repo).map((o) => `${o.file}:${o.line} ${o.kind} ${o.name} ${o.templated}`)).toEqual([
      'infra/main.tf:243 DaemonSet __TPL__-agent true',
      'infra/main.tf:254 ConfigMap agent-config true',
    ]);
    expect(deployedImages(repo).map((i) => `${i.line} ${i.image} ${i.templated}`)).toEqual(['252 __TPL__/agent:1.4.2 true']);
  });

  it('leaves out Helm test hooks and workloads in sample, example and test folders', async () => {
    const pod = (name: string, hook?: string): string =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n${hook ? `  annotations:\n    "helm.sh/hook": ${hook}\n` : ''}spec:\n  containers:\n    - name: c\n      image: busybox\n`;
    const repo = await fixtureRepo(
      writeTree({
        'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
        'charts/web/templates/tests/test-connection.yaml': pod('web-test', 'test'),
        'charts/web/templates/legacy-test.yaml': pod('web-legacy-test', 'test-success'),
        'charts/web/templates/migrate.yaml': pod('web-migrate', 'pre-install,pre-upgrade'),
        'examples/demo/pod.yaml': pod('demo'),
        'tests/e2e/pod.yaml': pod('e2e'),
        'deploy/pod.yaml': pod('app'),
      }),
    );
    expect(workloads(repo).map((w) => w.object.name).sort()).toEqual(['app', 'web-migrate']);
  });

  it('finds objects by group and kind in file order, whichever kinds match', async () => {
    const repo = await fixtureRepo(
      writeTree({
        'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: two\n',
        'b.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: three\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: four\n',
      }),
    );
    expect(objectsWhere(repo, (group) => group === '').map((o) => o.name)).toEqual(['one', 'two', 'four']);
    expect(objectsOfKind(repo, '', 'ConfigMap').map((o) => o.name)).toEqual(['one', 'four']);
    expect(objectsOfKind(repo, 'apps', 'ConfigMap')).toEqual([]);
  });

  it('reads Jinja-templated manifests (*.yaml.j2) like chart templates: statements blanked, lines kept', async () => {
    // Modelled on Kubespray-style role templates: an {% if %} around keys, {{ }} in values.
    const repo = await fixtureRepo(
      writeTree({
        'roles/dns/templates/coredns-deployment.yml.j2': [
          '---', // 1
          'apiVersion: apps/v1', // 2
          'kind: Deployment', // 3
          'metadata:', // 4
          '  name: "coredns{{ coredns_ordinal_suffix }}"', // 5
          '  namespace: kube-system', // 6
          'spec:', // 7
          '  template:', // 8
          '    spec:', // 9
          '{% if dns_extra_tolerations is defined %}', // 10
          '      tolerations: {{ dns_extra_tolerations | list | to_nice_yaml(indent=2) }}', // 11
          '{% endif %}', // 12
          '      containers:', // 13
          '      - name: coredns', // 14
          '        image: "{{ coredns_image_repo }}:{{ coredns_image_tag }}"', // 15
          '        livenessProbe:', // 16
          '          httpGet: { path: /health, port: 8080 }', // 17
          '        readinessProbe:', // 18
          '          httpGet: { path: /ready, port: 8181 }', // 19
          '{# the cache is tuned per site #}', // 20
        ].join('\n'),
        'roles/dns/templates/resolv.conf.j2': 'nameserver {{ ip }}\n',
      }),
    );
    const objects = k8sObjects(repo);
    expect(objects.map((o) => `${o.file}:${o.line} ${o.kind} templated=${o.templated}`)).toEqual([
      'roles/dns/templates/coredns-deployment.yml.j2:2 Deployment templated=true',
    ]);
    const [workload] = workloads(repo);
    expect(workload?.containers.map((c) => [c.name, c.raw.livenessProbe !== undefined, c.raw.readinessProbe !== undefined])).toEqual([['coredns', true, true]]);
  });

  it('reads the objects of an OpenShift Template, in YAML and in JSON, with their lines', async () => {
    const template = {
      kind: 'Template',
      apiVersion: 'template.openshift.io/v1',
      metadata: { name: 'nodejs-example' },
      objects: [
        { kind: 'Service', apiVersion: 'v1', metadata: { name: '${NAME}' }, spec: { ports: [{ port: 8080 }] } },
        {
          kind: 'Deployment',
          apiVersion: 'apps/v1',
          metadata: { name: '${NAME}' },
          spec: {
            template: {
              spec: {
                containers: [{ name: 'nodejs', image: ' ', readinessProbe: { httpGet: { path: '/', port: 8080 } }, livenessProbe: { httpGet: { path: '/', port: 8080 } } }],
              },
            },
          },
        },
      ],
      parameters: [{ name: 'NAME', value: 'nodejs-example' }],
    };
    const repo = await fixtureRepo(
      writeTree({
        'openshift/templates/nodejs.json': JSON.stringify(template, null, 2),
        'package.json': JSON.stringify({ name: 'x', apiVersion: 'v1', kind: 'not-a-manifest' }),
        'openshift/list.yaml': [
          'apiVersion: v1',
          'kind: Template',
          'metadata: { name: worker }',
          'objects:',
          '- apiVersion: apps/v1',
          '  kind: Deployment',
          '  metadata: { name: worker }',
          '  spec: { template: { spec: { containers: [ { name: worker, image: "quay.io/acme/worker:latest" } ] } } }',
        ].join('\n'),
      }),
    );
    const found = k8sObjects(repo).map((o) => `${o.file}:${o.line} ${o.kind}`);
    expect(found).toEqual([
      'openshift/list.yaml:1 Template',
      'openshift/list.yaml:5 Deployment',
      'openshift/templates/nodejs.json:2 Template',
      'openshift/templates/nodejs.json:9 Service',
      'openshift/templates/nodejs.json:23 Deployment',
    ]);
    expect(workloads(repo).map((w) => w.containers.map((c) => c.name)).flat().sort()).toEqual(['nodejs', 'worker']);
    expect(deployedImages(repo).map((i) => i.image)).toContain('quay.io/acme/worker:latest');
  });
});

