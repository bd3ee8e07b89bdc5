import { describe, expect, it } from 'vitest';
import { detectIn, detectorById, writeTree } from '../helpers/fixtures.js';


/**
 * A managed service counts whatever language declares it: the Terraform types each signal knows
 * have their CloudFormation and Bicep twins (an AWS shop on CloudFormation, an Azure shop on Bicep).
 */
describe('managed services declared in CloudFormation or Bicep', () => {
  const root = writeTree({
    // An observability stack as an AWS shop keeps it: one template, three managed services.
    'infra/observability.yaml': [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  MetricsWorkspace:',
      '    Type: AWS::APS::Workspace',
      '    Properties:',
      '      Alias: prod-metrics',
      '  Dashboards:',
      '    Type: AWS::Grafana::Workspace',
      '    Properties:',
      '      AccountAccessType: CURRENT_ACCOUNT',
      '  LogSearch:',
      '    Type: AWS::OpenSearchService::Domain',
      '    Properties:',
      '      EngineVersion: OpenSearch_2.11',
      '  HighErrorRate:',
      '    Type: Datadog::Monitors::Monitor',
      '    Properties:',
      '      Type: query alert',
      '',
    ].join('\n'),
    // An AKS landing zone in Bicep: managed Prometheus and Grafana, and the cluster's Flux configuration.
    'bicep/cluster.bicep': [
      "param location string = resourceGroup().location",
      "resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {",
      "  name: 'aks-prod'",
      '}',
      "resource monitor 'Microsoft.Monitor/accounts@2023-04-03' = {",
      "  name: 'amw-prod'",
      '  location: location',
      '}',
      "resource grafana 'Microsoft.Dashboard/grafana@2023-09-01' = {",
      "  name: 'grafana-prod'",
      '  location: location',
      '}',
      "resource flux 'Microsoft.KubernetesConfiguration/fluxConfigurations@2023-05-01' = {",
      '  scope: aks',
      "  name: 'cluster-config'",
      '  properties: {',
      "    sourceKind: 'GitRepository'",
      '  }',
      '}',
      '',
    ].join('\n'),
  });

  it.each([
    ['prometheus', ['bicep/cluster.bicep:5', 'infra/observability.yaml:4']],
    ['grafana', ['bicep/cluster.bicep:9', 'infra/observability.yaml:8']],
    ['elasticsearch', ['infra/observability.yaml:12']],
    ['datadog', ['infra/observability.yaml:16']],
    ['flux', ['bicep/cluster.bicep:13']],
  ])('%s', async (id, places) => {
    const result = await detectIn(detectorById(id), root);
    expect(result.evidence.map((e) => `${e.file}:${e.line}`).sort()).toEqual(places);
  });

  it('finds AKS managed Flux configured by Terraform', async () => {
    const tf = writeTree({
      'aks/flux.tf': 'resource "azurerm_kubernetes_flux_configuration" "apps" {\n  name       = "apps"\n  cluster_id = azurerm_kubernetes_cluster.main.id\n}\n',
    });
    const result = await detectIn(detectorById('flux'), tf);
    expect(result.evidence.map((e) => `${e.file}:${e.line}`)).toEqual(['aks/flux.tf:1']);
  });
});
