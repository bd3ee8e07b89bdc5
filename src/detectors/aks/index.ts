import type { FileEvidence } from '../../core/types.js';
import { terraformResources } from '../../facts/iac/terraform.js';
import type { Repository } from '../../workspace/repository.js';
import { matchingLines, ownPlaces } from '../../facts/files/text-lines.js';
import { infraProgramFiles } from '../../facts/iac/infra-programs.js';
import { signalWithCode } from '../signal-with-code.js';

const MANAGED_CLUSTERS = 'Microsoft.ContainerService/managedClusters';
/** Bicep: `resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {` (also `existing`). */
const BICEP_RESOURCE = /^\s*resource\s+\w+\s+'Microsoft\.ContainerService\/managedClusters(\/agentPools)?@[^']+'/i;
/** Bicep modules from the public registry: Azure Verified Modules' managed cluster. */
const BICEP_MODULE = /^\s*module\s+\w+\s+'br\/public:avm\/res\/container-service\/managed-cluster:[^']+'/;
/** ARM JSON templates: a resource of that type. */
const ARM_RESOURCE = /"type"\s*:\s*"Microsoft\.ContainerService\/managedClusters(\/agentPools)?"/i;
/** Pulumi azure-native / classic azure programs. */
const AKS_IN_CODE = /\bcontainerservice\.(ManagedCluster|NewManagedCluster|KubernetesCluster|NewKubernetesCluster)\s*\(|\bnew\s+(AzureNative\.ContainerService\.)?ManagedCluster\s*\(|^\s*import\s+com\.pulumi\.azurenative\.containerservice\.ManagedCluster;/;

export const detector = signalWithCode('aks', (repo) => {
  const evidence: FileEvidence[] = [];
  for (const hit of matchingLines(repo, /\.bicep$/i, BICEP_RESOURCE, 'managedClusters')) evidence.push({ file: hit.file, line: hit.line, detail: `Bicep ${MANAGED_CLUSTERS}` });
  for (const hit of matchingLines(repo, /\.bicep$/i, BICEP_MODULE, 'managed-cluster')) evidence.push({ file: hit.file, line: hit.line, detail: 'Bicep AVM managed-cluster module' });
  for (const hit of matchingLines(repo, /\.json$/i, ARM_RESOURCE, 'managedClusters')) evidence.push({ file: hit.file, line: hit.line, detail: `ARM ${MANAGED_CLUSTERS}` });
  for (const hit of matchingLines(repo, infraProgramFiles(repo, /\.(ts|js|py|go|cs|java)$/), AKS_IN_CODE, 'Cluster')) evidence.push({ file: hit.file, line: hit.line, detail: 'AKS cluster in infrastructure code' });
  evidence.push(...azapiClusters(repo));
  return ownPlaces(evidence);
});

/** `azapi_resource` whose `type` is a managed cluster (the escape hatch for preview API versions). */
function azapiClusters(repo: Repository): FileEvidence[] {
  const out: FileEvidence[] = [];
  for (const { file, block } of terraformResources(repo, /^azapi_resource$/)) {
    const type = block.attributes.type?.value;
    if (typeof type === 'string' && type.toLowerCase().startsWith(MANAGED_CLUSTERS.toLowerCase())) {
      out.push({ file, line: block.line, detail: `${block.type} azapi_resource.${block.labels[1] ?? ''} (${type})` });
    }
  }
  return out;
}
