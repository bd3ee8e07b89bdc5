import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'fluent-bit',
  name: 'Fluent Bit',
  kind: 'tool',
  category: 'log-shipper',
  description:
    'Fluent Bit deployed (its image, including aws-for-fluent-bit, the fluent-bit, fluent-operator or aws-for-fluent-bit chart, or a Dockerfile built FROM a Fluent Bit image), configured (fluent-bit.conf or a ConfigMap entry with [INPUT]/[OUTPUT] sections, or a YAML pipeline with inputs), or managed through fluent-operator (fluentbit.fluent.io) or Logging Operator FluentbitAgent resources.',
  remediation:
    'Run Fluent Bit as a DaemonSet (fluent-bit chart or fluent-operator) to collect container logs on every node, keep its configuration in git and ship logs to Elasticsearch, OpenSearch or Loki.',
  component: {
    images: [/(^|\/)fluent\/fluent-bit$/, /(^|\/)bitnami\/fluent-bit$/, /(^|\/)kubesphere\/fluent-(bit|operator)$/, /(^|\/)fluent\/fluent-operator$/, /(^|\/)(amazon|aws-observability)\/aws-for-fluent-bit$/, /(^|\/)(kube-logging|banzaicloud)\/fluent-bit$/],
    charts: [/^(fluent-bit|fluent-operator|aws-for-fluent-bit)$/],
    // aws-ia/eks-blueprints-addons (and the older eks-blueprints kubernetes-addons module) flags
    terraformModuleFlags: /^enable_(aws_for_fluentbit|fargate_fluentbit)$/,
    objects: [
      { group: /^fluentbit\.fluent\.io$/ },
      { group: /^logging\.banzaicloud\.io$/, kind: /^FluentbitAgent$/ },
    ],
  },
} satisfies DetectorDefinition;
