import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'opentelemetry',
  name: 'OpenTelemetry',
  kind: 'tool',
  category: 'tracing',
  description:
    'OpenTelemetry used: a Collector deployed (otel/opentelemetry-collector* or ADOT images, the opentelemetry-collector, opentelemetry-operator or opentelemetry-kube-stack chart) or configured (a collector config with receivers, exporters and service.pipelines, on disk or in a ConfigMap), an SDK declarative configuration file (file_format with tracer/meter/logger providers), OpenTelemetry Operator resources (OpenTelemetryCollector, Instrumentation) or auto-instrumentation annotations, workloads configured with OTEL_EXPORTER_OTLP_* / OTEL_SERVICE_NAME, or an OpenTelemetry API, SDK or instrumentation package declared as a dependency (@opentelemetry/*, go.opentelemetry.io/otel*, opentelemetry-* on PyPI and RubyGems, io.opentelemetry*, OpenTelemetry.* on NuGet, the opentelemetry crates). Every declared dependency counts, devDependencies included; Go `// indirect` requirements and npm peer dependencies (a library letting its users bring OpenTelemetry) do not.',
  remediation:
    'Instrument services with the OpenTelemetry SDK of their language (or the Operator\'s auto-instrumentation), export spans over OTLP to an OpenTelemetry Collector, and send them on to a tracing backend such as Jaeger, Tempo or Zipkin.',
  component: {
    images: [
      /(^|\/)otel\/opentelemetry-collector([\w-]*)$/,
      /(^|\/)open-telemetry\/opentelemetry-collector-releases\/opentelemetry-collector[\w-]*$/,
      /(^|\/)open-telemetry\/opentelemetry-operator\/opentelemetry-operator$/,
      /(^|\/)aws-observability\/aws-otel-collector$/,
    ],
    charts: [/^(opentelemetry-collector|opentelemetry-operator|opentelemetry-kube-stack)$/],
    // aws-ia/eks-blueprints-addons (and the older eks-blueprints kubernetes-addons module) flags
    terraformModuleFlags: /^enable_(opentelemetry_operator|amazon_eks_adot)$/,
    objects: [{ group: /^opentelemetry\.io$/, kind: /^(OpenTelemetryCollector|Instrumentation|OpAMPBridge|TargetAllocator)$/ }],
    dependencies: [
      { name: /^@opentelemetry\//, ecosystems: ['npm'] },
      { name: /^go\.opentelemetry\.io\/(otel|contrib)(\/|$)/, ecosystems: ['go'] },
      { name: /^opentelemetry[-_]/i, ecosystems: ['pypi'] },
      { name: /^(io\.opentelemetry(\.[\w.]+)?:[\w.-]+|io\.micrometer:micrometer-tracing-bridge-otel|org\.springframework\.cloud:spring-cloud-sleuth-otel[\w-]*)$/, ecosystems: ['maven'] },
      { name: /^OpenTelemetry(\.[\w.]+)?$/, ecosystems: ['nuget'] },
      { name: /^opentelemetry-/, ecosystems: ['rubygems'] },
      { name: /^(opentelemetry([-_][\w-]+)?|tracing-opentelemetry)$/, ecosystems: ['cargo'] },
      { name: /^open-telemetry\//, ecosystems: ['composer'] },
    ],
  },
} satisfies DetectorDefinition;
