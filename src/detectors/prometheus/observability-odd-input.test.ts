import { describe, expect, it } from 'vitest';
import { detectIn, writeTree } from '../../../test/helpers/fixtures.js';
import { DETECTORS } from '../registry.js';

/** The monitoring, logging and tracing detectors built on the shared observability facts. */
const OBSERVABILITY = new Set(['prometheus', 'grafana', 'alertmanager', 'elasticsearch', 'fluentd', 'fluent-bit', 'kibana', 'loki', 'jaeger', 'opentelemetry', 'zipkin']);
const ALL = DETECTORS.filter((d) => OBSERVABILITY.has(d.id));

describe('observability helpers', () => {
  it('covers every observability detector', () => {
    expect(ALL.length).toBe(OBSERVABILITY.size);
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
