import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'grafana',
  name: 'Grafana',
  kind: 'tool',
  category: 'dashboards',
  description:
    'Grafana deployed (its image, the grafana, grafana-operator, kube-prometheus-stack or prometheus-operator chart, kube-prometheus via jsonnet), configured (provisioning files for datasources or dashboards, grafana.ini, dashboards in ConfigMaps labelled for the Grafana sidecar), managed through grafana-operator resources, the Grafana Terraform provider, or a managed Grafana (Amazon Managed Grafana, Azure Managed Grafana). The Grafana Agent, Alloy, Loki, Tempo and Mimir images are other products and do not count; neither does a dashboard JSON file on its own (libraries ship them for their users).',
  remediation:
    'Run Grafana next to Prometheus (kube-prometheus-stack installs both), provision its datasources and dashboards from git (provisioning files, labelled ConfigMaps or grafana-operator resources) so dashboards are reviewed like code.',
  component: {
    images: [/(^|\/)grafana\/grafana(-oss|-enterprise)?$/, /(^|\/)bitnami\/grafana$/, /(^|\/)(grafana-operator|grafana)\/grafana-operator$/, /(^|\/)bitnami\/grafana-operator$/],
    charts: [/^(grafana|grafana-operator|kube-prometheus-stack|prometheus-operator|rancher-monitoring)$/],
    objects: [{ group: /^(grafana\.integreatly\.org|integreatly\.org)$/, kind: /^Grafana/ }],
    terraformResources: /^(aws_grafana_workspace|azurerm_dashboard_grafana|grafana_[a-z_]+)$/,
    terraformModules: /managed-service-grafana/,
    // aws-ia/eks-blueprints-addons (and the older eks-blueprints kubernetes-addons module) flags
    terraformModuleFlags: /^enable_(kube_prometheus_stack|grafana)$/,
    terraformProviders: /^grafana$/,
  },
} satisfies DetectorDefinition;
