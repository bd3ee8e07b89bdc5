import type { DetectorDefinition } from '../detector.js';

export const definition = {
  id: 'aks',
  name: 'Azure Kubernetes Service',
  kind: 'tool',
  category: 'cluster-provisioner',
  description:
    'An AKS cluster defined as code: Terraform azurerm_kubernetes_cluster (and node pools) or the Azure/aks/azurerm module, ARM or Bicep Microsoft.ContainerService/managedClusters, azapi managedClusters, Pulumi azure-native ManagedCluster, or a pipeline step that runs az aks create/get-credentials.',
  remediation:
    'Define the AKS cluster and its node pools as code (Azure/aks/azurerm, Bicep or the AVM managed-cluster module) in git and deploy it from a pipeline, instead of creating it in the portal.',
  component: {
    terraformResources: /^azurerm_kubernetes_cluster(_node_pool|_extension)?$/,
    terraformModules: /(^|\/)Azure\/aks\/azurerm|Azure\/terraform-azurerm-aks\b|Azure\/avm-(res|ptn)-containerservice-managedcluster\/azurerm|avm-res-containerservice-managedcluster/i,
    commands: [/(^|[\s;&|(/])az\s+(--?\S+\s+)*aks\s+(create|get-credentials|nodepool|upgrade|update|scale|command\s+invoke|enable-addons)\b/],
    ciUses: [/^azure\/aks-set-context@|^azure\/aks-create-action@/i],
    dependencies: [{ name: /^(Azure\.ResourceManager\.ContainerService|azure-mgmt-containerservice)$/, ecosystems: ['nuget', 'pypi'] }],
  },
} satisfies DetectorDefinition;
