import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'kibana',
  name: 'Kibana',
  kind: 'tool',
  category: 'log-ui',
  description:
    'Kibana or OpenSearch Dashboards deployed (its image, the kibana, opensearch-dashboards, eck-stack, eck-kibana, eck-operator or elastic-stack chart), configured (kibana.yml or opensearch_dashboards.yml with server or elasticsearch settings), managed through an ECK Kibana resource, or provisioned with Terraform (an AWS OpenSearch/Elasticsearch domain, which always serves Dashboards/Kibana, or elasticstack Kibana resources). Client libraries do not count.',
  remediation:
    'Give teams a place to search their logs: deploy Kibana with ECK (or the eck-stack chart) next to Elasticsearch, or use the Dashboards of a managed OpenSearch domain, and provision index patterns and saved searches from git.',
  component: {
    images: [/(^|\/)kibana\/kibana(-oss)?$/, /^(library\/)?kibana$/, /(^|\/)bitnami\/kibana$/, /(^|\/)opensearchproject\/opensearch-dashboards$/, /(^|\/)bitnami\/opensearch-dashboards$/],
    charts: [/^(kibana|opensearch-dashboards|eck-stack|eck-kibana|eck-operator|elastic-stack)$/],
    objects: [{ group: /^kibana\.k8s\.elastic\.co$/, kind: /^Kibana$/ }],
    terraformResources: /^(aws_elasticsearch_domain|aws_opensearch_domain|elasticstack_kibana_[a-z_]+)$/,
  },
} satisfies DetectorDefinition;
