import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'fluentd',
  name: 'Fluentd',
  kind: 'tool',
  category: 'log-shipper',
  description:
    'Fluentd deployed (its image, including fluentd-kubernetes-daemonset and td-agent images, the fluentd, fluentd-elasticsearch or logging-operator chart, or a Dockerfile built FROM a Fluentd image), configured (fluent.conf, td-agent.conf or a ConfigMap entry with <source>/<match> sections and @type plugins), or managed through Logging Operator (logging.banzaicloud.io Logging, Flow, Output) or fluent-operator Fluentd resources. Fluentd client libraries (fluent-logger) do not count: logging tools count only when deployed or configured.',
  remediation:
    'Collect container logs centrally: run Fluentd (or the lighter Fluent Bit) as a DaemonSet, e.g. with the fluentd chart or the Logging Operator, keep its configuration in git and send logs to Elasticsearch, OpenSearch or Loki.',
  component: {
    images: [/(^|\/)fluent\/fluentd(-kubernetes-daemonset)?$/, /^(library\/)?fluentd$/, /(^|\/)bitnami\/fluentd$/, /(^|\/)(kube-logging|banzaicloud)\/fluentd$/, /(^|\/)treasuredata\/td-agent$/, /(^|\/)fluentd-elasticsearch\/fluentd$/],
    charts: [/^(fluentd|fluentd-elasticsearch|logging-operator)$/],
    objects: [
      { group: /^logging\.banzaicloud\.io$/, kind: /^(Logging|Flow|ClusterFlow|Output|ClusterOutput|FluentdConfig)$/ },
      { group: /^fluentd\.fluent\.io$/ },
    ],
  },
} satisfies DetectorDefinition;
