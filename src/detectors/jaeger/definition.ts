import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'jaeger',
  name: 'Jaeger',
  kind: 'tool',
  category: 'tracing',
  description:
    'Jaeger deployed (all-in-one, jaeger v2, collector, query, agent or operator images, the jaeger or jaeger-operator chart), managed through a jaegertracing.io Jaeger resource, or a Jaeger client or exporter library declared as a dependency (jaeger-client, jaeger-client-go, io.jaegertracing, the OpenTelemetry Jaeger exporters). The OpenTelemetry Jaeger propagators only read Jaeger trace headers and do not count. A Jaeger v2 configuration (a collector-style config with the jaeger_storage or jaeger_query extension) counts. Go `// indirect` requirements and npm peer dependencies do not count.',
  remediation:
    'Run a tracing backend such as Jaeger (jaeger-operator or the jaeger chart; all-in-one for local development) and instrument services with OpenTelemetry, exporting spans over OTLP to it.',
  component: {
    images: [/(^|\/)jaegertracing\/(all-in-one|jaeger|jaeger-[\w-]+)$/],
    charts: [/^(jaeger|jaeger-operator|jaeger-all-in-one)$/],
    objects: [{ group: /^jaegertracing\.io$/, kind: /^Jaeger$/ }],
    dependencies: [
      { name: /^(jaeger-client|@opentelemetry\/exporter-jaeger)$/, ecosystems: ['npm'] },
      { name: /^(github\.com\/uber\/jaeger-client-go|github\.com\/jaegertracing\/jaeger-client-go|go\.opentelemetry\.io\/otel\/exporters\/jaeger)$/, ecosystems: ['go'] },
      { name: /^(jaeger[-_]client|opentelemetry-exporter-jaeger([-_][\w-]+)?)$/i, ecosystems: ['pypi'] },
      { name: /^(io\.jaegertracing:[\w.-]+|io\.opentelemetry:opentelemetry-exporter-jaeger[\w-]*)$/, ecosystems: ['maven'] },
      { name: /^(Jaeger(\.[\w.]+)?|OpenTelemetry\.Exporter\.Jaeger)$/, ecosystems: ['nuget'] },
      { name: /^(jaeger-client|opentelemetry-exporter-jaeger)$/, ecosystems: ['rubygems'] },
      { name: /^(opentelemetry-jaeger|jaeger-client|rustracing_jaeger)$/, ecosystems: ['cargo'] },
      { name: /^jonahgeorge\/jaeger-client-php$/, ecosystems: ['composer'] },
    ],
  },
} satisfies DetectorDefinition;
