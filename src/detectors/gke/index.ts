import type { FileEvidence } from '../../core/types.js';
import { matchingLines, ownPlaces } from '../../facts/files/text-lines.js';
import { infraProgramFiles } from '../../facts/iac/infra-programs.js';
import { signalWithCode } from '../signal-with-code.js';

/** Deployment Manager resources (YAML configs, Jinja and Python templates). */
const DEPLOYMENT_MANAGER = /(^\s*(-\s+)?|[{,]\s*)['"]?type['"]?\s*:\s*['"]?(container\.v1(beta1)?\.cluster|gcp-types\/container-v1(beta1)?:projects\.(zones|locations)\.clusters)['"]?\s*,?\s*$/;
/** What every such line contains (`container.v1…` or `container-v1…`): most YAML files mention containers. */
const DEPLOYMENT_MANAGER_TYPE = /container[.-]v1/;
/** Pulumi programs: `new gcp.container.Cluster(`, `container.NewCluster(ctx, …)`. */
const GKE_IN_CODE = /\bgcp\.container\.(Cluster|NodePool)\s*\(|\bcontainer\.New(Cluster|NodePool)\s*\(\s*ctx\b|^\s*import\s+com\.pulumi\.gcp\.container\.(Cluster|NodePool);|\bGcp\.Container\.(Cluster|NodePool)\s*\(/;

export const detector = signalWithCode('gke', (repo) => {
  const evidence: FileEvidence[] = [];
  for (const hit of matchingLines(repo, /\.(ya?ml|jinja|py)$/i, DEPLOYMENT_MANAGER, DEPLOYMENT_MANAGER_TYPE)) {
    evidence.push({ file: hit.file, line: hit.line, detail: 'Deployment Manager GKE cluster' });
  }
  for (const hit of matchingLines(repo, infraProgramFiles(repo, /\.(ts|js|py|go|cs|java)$/), GKE_IN_CODE, 'ontainer')) evidence.push({ file: hit.file, line: hit.line, detail: 'GKE cluster in infrastructure code' });
  return ownPlaces(evidence);
});
