import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'alertmanager',
  name: 'Alertmanager',
  kind: 'tool',
  category: 'alerting',
  description:
    'Alertmanager deployed (its image, the alertmanager, prometheus, kube-prometheus-stack or prometheus-operator chart, kube-prometheus via jsonnet), configured (alertmanager.yml with a route and receivers, on disk, in a ConfigMap or in a Secret\'s stringData), managed through Prometheus Operator Alertmanager/AlertmanagerConfig resources, an Amazon Managed Prometheus alert manager definition, or `amtool check-config` in a pipeline. Prometheus alerting rules alone do not count.',
  remediation:
    'Route Prometheus alerts through Alertmanager (kube-prometheus-stack installs it): keep alertmanager.yml or AlertmanagerConfig resources in git with receivers for each team, and check them with `amtool check-config` in CI.',
  component: {
    images: [/(^|\/)(prom|prometheus)\/alertmanager$/, /(^|\/)bitnami\/alertmanager$/, /(^|\/)mirrored-prometheus-alertmanager$/],
    // The `prometheus` chart enables its Alertmanager by default.
    charts: [/^(alertmanager|prometheus|kube-prometheus-stack|prometheus-operator|kube-prometheus|rancher-monitoring)$/],
    objects: [{ group: /^monitoring\.coreos\.com$/, kind: /^(Alertmanager|AlertmanagerConfig)$/ }],
    terraformResources: /^aws_prometheus_alert_manager_definition$/,
    // aws-ia/eks-blueprints-addons (and the older eks-blueprints kubernetes-addons module) flags
    terraformModuleFlags: /^enable_kube_prometheus_stack$/,
    commands: [/(^|[\s;&|(/])amtool\s+check-config\b/],
  },
} satisfies DetectorDefinition;
