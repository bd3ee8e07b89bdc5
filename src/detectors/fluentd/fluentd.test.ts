import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIn, places, writeTree } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

// fluentd is described as data (signal.yaml): the registry holds its footprint detector.
const detector = DETECTORS.find((d) => d.id === 'fluentd')!;

const fixtures = join(import.meta.dirname, 'fixtures');

describe('fluentd detector', () => {
  it('finds the DaemonSet image and both config entries of its ConfigMap', async () => {
    const result = await detectIn(detector, join(fixtures, 'efk'));
    // each config entry points at its first <source>/<match> line inside the block; line 50 mounts it at /fluentd/etc
    expect(places(result).sort()).toEqual(['logging/fluentd.yaml:10', 'logging/fluentd.yaml:17', 'logging/fluentd.yaml:44', 'logging/fluentd.yaml:50']);
  });

  it('finds a fluentd DaemonSet that runs a custom image, by its FLUENTD_* settings or its /fluentd/etc mount', async () => {
    // Modelled on microservices-demo's deploy/kubernetes/manifests-logging/fluentd-daemon.yml.
    const daemonSet = (env: string, mount: string) =>
      `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: fluentd\n  namespace: kube-system\nspec:\n  selector:\n    matchLabels:\n      name: fluentd\n  template:\n    metadata:\n      labels:\n        name: fluentd\n    spec:\n      containers:\n       - image: weaveworksdemos/log-server\n         name: fluentd\n${env}         volumeMounts:\n         - name: varlibdockercontainers\n           mountPath: /var/lib/docker/containers\n${mount}      volumes:\n      - name: varlibdockercontainers\n        hostPath:\n          path: /var/lib/docker/containers\n`;
    const root = writeTree({
      'deploy/kubernetes/manifests-logging/fluentd-daemon.yml': daemonSet('         env:\n         - name: FLUENTD_CONF\n           value: elk.conf\n', ''),
      'deploy/logging/collector.yaml': daemonSet('', '         - name: config\n           mountPath: /fluentd/etc\n'),
      // the same settings on a workload of another name, and in a Compose file, are not Fluentd workloads
      'deploy/kubernetes/app.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  template:\n    spec:\n      containers:\n        - name: orders\n          image: acme/orders:1.0\n          env:\n            - name: FLUENTD_HOST\n              value: logs\n',
      'deploy/docker-compose/logging.yml': 'services:\n  fluentd:\n    image: weaveworksdemos/log-server\n    environment:\n      - FLUENTD_CONF=elk.conf\n',
    });
    const result = await detectIn(detector, root);
    expect(places(result).sort()).toEqual(['deploy/kubernetes/manifests-logging/fluentd-daemon.yml:19', 'deploy/logging/collector.yaml:22']);
    expect(result.evidence[0]!.detail).toMatch(/^Fluentd workload/);
  });

  it('finds a fluent.conf and a custom image built FROM fluentd', async () => {
    const root = writeTree({
      'fluentd/conf/fluent.conf': '# Forward to the aggregator\n<source>\n  @type forward\n  port 24224\n</source>\n',
      'fluentd/Dockerfile': 'FROM fluent/fluentd:v1.16-1\nUSER root\nRUN gem install fluent-plugin-elasticsearch\nUSER fluent\n',
    });
    const result = await detectIn(detector, root);
    expect(places(result).sort()).toEqual(['fluentd/Dockerfile:1', 'fluentd/conf/fluent.conf:2']);
  });

  it('does not count fluent-logger, an Apache config, a commented fluent.conf or a README', async () => {
    const result = await detectIn(detector, join(fixtures, 'no-logging'));
    expect(result.evidence).toEqual([]);
  });
});
