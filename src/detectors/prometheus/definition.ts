import type { DetectorDefinition } from '../detector.js';

/** Charts that run a Prometheus server (kube-prometheus-stack also runs Grafana and Alertmanager). */
export const PROMETHEUS_STACK_CHARTS = [/^(kube-prometheus-stack|prometheus-operator|kube-prometheus|rancher-monitoring)$/];

export const definition = {
  id: 'prometheus',
  name: 'Prometheus',
  kind: 'tool',
  category: 'metrics-backend',
  description:
    'A Prometheus server deployed (its image, the prometheus, kube-prometheus-stack or prometheus-operator chart, kube-prometheus via jsonnet), configured (prometheus.yml with scrape_configs, on disk or in a ConfigMap), managed through Prometheus Operator resources (Prometheus, ServiceMonitor, PodMonitor, PrometheusRule…), a managed service (Amazon Managed Prometheus, Azure Monitor workspace), or a Prometheus client library declared as a dependency. Exporters alone (node-exporter, kube-state-metrics, pushgateway, blackbox-exporter) and prometheus.io/scrape annotations do not count: they do not show that a Prometheus exists. Go `// indirect` requirements and npm peer dependencies do not count.',
  remediation:
    'Install kube-prometheus-stack (Prometheus Operator, Prometheus, Alertmanager and Grafana) with Helm or Argo CD/Flux, expose /metrics from each service with a Prometheus client library, and describe what to scrape with ServiceMonitor or PodMonitor resources kept next to each service.',
  component: {
    images: [
      /(^|\/)(prom|prometheus)\/prometheus$/,
      /(^|\/)bitnami\/prometheus$/,
      /(^|\/)(prometheus-operator|coreos)\/prometheus-operator$/,
      /(^|\/)bitnami\/prometheus-operator$/,
      /(^|\/)mirrored-prometheus-prometheus$/,
    ],
    charts: [...PROMETHEUS_STACK_CHARTS, /^prometheus$/],
    objects: [
      { group: /^monitoring\.coreos\.com$/, kind: /^(Prometheus|PrometheusAgent|ServiceMonitor|PodMonitor|PrometheusRule|Probe|ScrapeConfig)$/ },
      // Azure Monitor managed Prometheus and Google Managed Prometheus use their own groups.
      { group: /^azmonitoring\.coreos\.com$/, kind: /^(ServiceMonitor|PodMonitor)$/ },
      { group: /^monitoring\.googleapis\.com$/, kind: /^(PodMonitoring|ClusterPodMonitoring|ClusterNodeMonitoring|GlobalRules|ClusterRules|Rules)$/ },
    ],
    terraformResources: /^(aws_prometheus_workspace|aws_prometheus_scraper|aws_prometheus_rule_group_namespace|azurerm_monitor_workspace)$/,
    terraformModules: /managed-service-prometheus/,
    // aws-ia/eks-blueprints-addons (and the older eks-blueprints kubernetes-addons module) flags
    terraformModuleFlags: /^enable_(kube_prometheus_stack|prometheus)$/,
    dependencies: [
      { name: /^(prom-client|@willsoto\/nestjs-prometheus|express-prom-bundle)$/, ecosystems: ['npm'] },
      { name: /^github\.com\/prometheus\/client_golang$/, ecosystems: ['go'] },
      { name: /^(prometheus[-_]client|prometheus-flask-exporter|prometheus-fastapi-instrumentator|django-prometheus)$/i, ecosystems: ['pypi'] },
      { name: /^(io\.micrometer:micrometer-registry-prometheus(-simpleclient)?|io\.prometheus:(simpleclient[\w-]*|prometheus-metrics-[\w-]+))$/, ecosystems: ['maven'] },
      { name: /^prometheus-net(\.[\w.]+)?$/i, ecosystems: ['nuget'] },
      { name: /^prometheus-client(-mmap)?$/, ecosystems: ['rubygems'] },
      { name: /^(prometheus|prometheus-client|metrics-exporter-prometheus)$/, ecosystems: ['cargo'] },
      { name: /^(promphp\/prometheus_client_php|jimdo\/prometheus_client_php)$/, ecosystems: ['composer'] },
    ],
    commands: [/(^|[\s;&|(/])promtool\s+check\s+config\b/],
  },
} satisfies DetectorDefinition;
