import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'zipkin',
  name: 'Zipkin',
  kind: 'tool',
  category: 'tracing',
  description:
    'Zipkin deployed (the openzipkin/zipkin or zipkin-slim image, the zipkin chart), or a Zipkin library declared as a dependency: zipkin-js packages, zipkin-go, Brave and zipkin-reporter (io.zipkin.*), Spring Cloud Sleuth Zipkin, py_zipkin, zipkin4net, zipkin-tracer, or an OpenTelemetry Zipkin exporter. Go `// indirect` requirements and npm peer dependencies do not count.',
  remediation:
    'Run a tracing backend (Zipkin, Jaeger or an OpenTelemetry-compatible service) and instrument services so every request carries a trace; OpenTelemetry with its Zipkin or OTLP exporter is the portable choice.',
  component: {
    images: [/(^|\/)openzipkin\/zipkin(-slim)?$/],
    charts: [/^zipkin$/],
    dependencies: [
      { name: /^(zipkin|zipkin-[\w-]+|@opentelemetry\/exporter-zipkin)$/, ecosystems: ['npm'] },
      { name: /^(github\.com\/openzipkin\/zipkin-go|github\.com\/openzipkin-contrib\/zipkin-go-opentracing|go\.opentelemetry\.io\/otel\/exporters\/zipkin)$/, ecosystems: ['go'] },
      { name: /^(py[-_]zipkin|opentelemetry-exporter-zipkin([-_][\w-]+)?|aiozipkin)$/i, ecosystems: ['pypi'] },
      {
        name: /^(io\.zipkin\.[\w.]+:[\w.-]+|org\.springframework\.cloud:spring-cloud-(starter-zipkin|sleuth-zipkin)|io\.micrometer:micrometer-tracing-bridge-brave|io\.opentelemetry:opentelemetry-exporter-zipkin)$/,
        ecosystems: ['maven'],
      },
      { name: /^(zipkin4net(\.[\w.]+)?|OpenTelemetry\.Exporter\.Zipkin)$/, ecosystems: ['nuget'] },
      { name: /^(zipkin-tracer|opentelemetry-exporter-zipkin)$/, ecosystems: ['rubygems'] },
      { name: /^(opentelemetry-zipkin|zipkin)$/, ecosystems: ['cargo'] },
    ],
  },
} satisfies DetectorDefinition;
