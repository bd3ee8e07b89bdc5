import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'loki',
  name: 'Loki',
  kind: 'tool',
  category: 'log-management',
  description:
    'Grafana Loki deployed (its image or Promtail\'s, the loki, loki-stack, loki-distributed, loki-simple-scalable or promtail chart), configured (a Loki config with schema_config, or a Promtail config with clients, on disk or in a ConfigMap), or managed through Loki Operator (loki.grafana.com) resources. Promtail only ships to Loki, so it counts as Loki. loki-stack counts as Loki only: its bundled Grafana and Fluent Bit are off by default and are not inferred. Logging client libraries do not count.',
  remediation:
    'Centralize logs with Loki (the loki chart, or loki-stack for a small cluster) and a node agent (Promtail, Grafana Alloy or Fluent Bit) shipping container logs to it; query them from Grafana.',
  component: {
    images: [/(^|\/)grafana\/(loki|promtail)$/, /(^|\/)bitnami\/(grafana-loki|promtail)$/],
    charts: [/^(loki|loki-stack|loki-distributed|loki-simple-scalable|promtail|loki-operator)$/],
    objects: [{ group: /^loki\.grafana\.com$/ }],
  },
} satisfies DetectorDefinition;
