import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'elasticsearch',
  name: 'Elasticsearch',
  kind: 'tool',
  category: 'log-store',
  description:
    'Elasticsearch or OpenSearch deployed (its image, the elasticsearch, opensearch, eck-stack, eck-elasticsearch, eck-operator or elastic-stack chart), configured (elasticsearch.yml or opensearch.yml with cluster settings), managed through ECK Elasticsearch or OpenSearch operator resources, or provisioned with Terraform (AWS OpenSearch/Elasticsearch domains, Elastic Cloud, Azure Elastic, the elasticstack provider). Client libraries (@elastic/elasticsearch, elasticsearch-py…) do not count: they show an application querying a search database, not centralized logging. Beats (Filebeat, Metricbeat) ship to Elasticsearch but are not Elasticsearch.',
  remediation:
    'Run Elasticsearch (or OpenSearch) for logs with the ECK operator or the eck-stack chart, or use a managed domain (Amazon OpenSearch Service, Elastic Cloud), and ship container logs to it with Fluent Bit or Fluentd.',
  component: {
    images: [
      /(^|\/)elasticsearch\/elasticsearch(-oss)?$/,
      /^(library\/)?elasticsearch$/,
      /(^|\/)bitnami\/elasticsearch$/,
      /(^|\/)opensearchproject\/opensearch$/,
      /(^|\/)bitnami\/opensearch$/,
      /(^|\/)eck\/eck-operator$/,
    ],
    charts: [/^(elasticsearch|opensearch|opensearch-operator|eck-stack|eck-elasticsearch|eck-operator|elastic-stack)$/],
    objects: [
      { group: /^elasticsearch\.k8s\.elastic\.co$/, kind: /^Elasticsearch$/ },
      { group: /^opensearch\.opster\.io$/, kind: /^OpenSearchCluster$/ },
    ],
    terraformResources: /^(aws_elasticsearch_domain|aws_opensearch_domain|aws_opensearchserverless_collection|ec_deployment|azurerm_elastic_cloud_elasticsearch|elasticstack_elasticsearch_[a-z_]+)$/,
    terraformModules: /(^|\/)(opensearch|elasticsearch)(\/|$|\?)|terraform-aws-(opensearch|elasticsearch)/,
    terraformProviders: /^(elasticstack|ec|opensearch)$/,
  },
} satisfies DetectorDefinition;
