import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

const programs = join(import.meta.dirname, 'fixtures', 'programs');
const detector = (id: string) => DETECTORS.find((d) => d.id === id)!;

/**
 * Charts installed from AWS CDK and Pulumi programs (every SDK language, Pulumi YAML, EKS
 * Blueprints add-ons): Helm is used, and each chart counts for its tool as a helm_release would.
 */
describe('Helm charts installed by infrastructure programs', () => {
  it('shows Helm at each chart a program installs', async () => {
    expect(places(await detectIn(detector('helm'), programs)).sort()).toEqual(
      [
        'blueprints/lib/addons/datadog.ts:11', // extends HelmAddOn, chart in its default props
        'blueprints/lib/blueprint.ts:10', // new blueprints.addons.ArgoCDAddOn()
        'blueprints/lib/blueprint.ts:11', // KarpenterAddOn; VpcCniAddOn is an EKS managed add-on, not a chart
        'cdk-go/cluster.go:15', // cluster.AddHelmChart(…, &awseks.HelmChartOptions{ Chart: … })
        'cdk-java/src/main/java/com/acme/platform/ClusterStack.java:16', // HelmChart.Builder…chart("kyverno")
        'cdk-py/cluster/cluster_stack.py:13', // cluster.add_helm_chart(…, chart="falco")
        'cdk-ts/lib/cluster-stack.ts:16', // cluster.addHelmChart
        'cdk-ts/lib/cluster-stack.ts:24', // new eks.HelmChart
        'pulumi-cs/Program.cs:9', // new Release(…) with using Pulumi.Kubernetes.Helm.V3
        'pulumi-go/main.go:11', // helmv3.NewRelease
        'pulumi-py/__main__.py:7', // Chart("vault-server", ChartOpts(chart="vault")): the resource name is not the chart
        'pulumi-ts/index.ts:6', // k8s.helm.v3.Release
        'pulumi-ts/index.ts:14', // k8s.helm.v4.Chart
        'pulumi-yaml/Pulumi.yaml:12', // type: kubernetes:helm.sh/v3:Release
      ].sort(),
    );
  });

  it.each([
    ['loki', 'cdk-ts/lib/cluster-stack.ts:16'],
    ['sealed-secrets', 'cdk-ts/lib/cluster-stack.ts:24'],
    ['falco', 'cdk-py/cluster/cluster_stack.py:13'],
    ['external-secrets', 'cdk-go/cluster.go:15'],
    ['prometheus', 'pulumi-ts/index.ts:6'],
    ['jaeger', 'pulumi-ts/index.ts:14'],
    ['vault', 'pulumi-py/__main__.py:7'],
    ['argo-cd', 'pulumi-go/main.go:11'],
    ['grafana', 'pulumi-cs/Program.cs:9'],
    ['datadog', 'blueprints/lib/addons/datadog.ts:11'],
  ])('counts the chart for its tool: %s at %s', async (id, place) => {
    expect(places(await detectIn(detector(id), programs))).toContain(place);
  });

  it('finds Kyverno installed from CDK Java and Pulumi YAML', async () => {
    expect(places(await detectIn(detector('kyverno'), programs)).sort()).toEqual(['cdk-java/src/main/java/com/acme/platform/ClusterStack.java:16', 'pulumi-yaml/Pulumi.yaml:12']);
  });
});
