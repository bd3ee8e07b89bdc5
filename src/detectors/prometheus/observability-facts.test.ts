import { describe, expect, it } from 'vitest';
import { detectIn, writeTree } from '../../../test/helpers/fixtures.js';
import { detector as alertmanager } from '../alertmanager/index.js';
import { detector as elasticsearch } from '../elasticsearch/index.js';
import { detector as fluentBit } from '../fluent-bit/index.js';
import { detector as fluentd } from '../fluentd/index.js';
import { detector as grafana } from '../grafana/index.js';
import { detector as jaeger } from '../jaeger/index.js';
import { detector as kibana } from '../kibana/index.js';
import { detector as loki } from '../loki/index.js';
import { detector as opentelemetry } from '../opentelemetry/index.js';
import { detector as zipkin } from '../zipkin/index.js';
import { detector as prometheus } from './index.js';
import { isOwnUse } from './observability-facts.js';

const ALL = [prometheus, grafana, alertmanager, elasticsearch, fluentd, fluentBit, kibana, loki, jaeger, opentelemetry, zipkin];

describe('observability helpers', () => {
  it('treats docs, examples and test folders as someone else\'s setup', () => {
    expect(isOwnUse('monitoring/prometheus.yml')).toBe(true);
    expect(isOwnUse('docs/prometheus.yml')).toBe(false);
    expect(isOwnUse('examples/stack/docker-compose.yml')).toBe(false);
    expect(isOwnUse('test/e2e/compose.yaml')).toBe(false);
    expect(isOwnUse('contest/compose.yaml')).toBe(true);
  });

  it('never throws on broken or odd files, and finds nothing in them', async () => {
    const root = writeTree({
      'prometheus.yml': 'global: [\n  - {{ broken',
      'alertmanager.yml': '\u0000\u0001route:',
      'package.json': '{ "dependencies": { "prom-client": ',
      'go.mod': 'module x\nrequire (\n',
      '.env': 'NOT A VALID LINE\n=\n',
      'compose.yaml': 'services:\n  a:\n    image: ${A:-${B}}\n  b: 3\n  c:\n    image: [1, 2]\n',
      'Dockerfile': 'ARG BASE\nFROM $BASE\n',
      'k8s/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: 7\ndata:\n  fluent.conf: 12\n  x.conf: [1]\n---\napiVersion: v1\nkind: Secret\nstringData: null\n',
      'fluent-bit/fluent-bit.conf': '[INPUT',
      'jsonnetfile.json': '{',
    });
    for (const detector of ALL) {
      const result = await detectIn(detector, root);
      expect(result.evidence, detector.id).toEqual([]);
    }
  });
});
