import type { FileEvidence } from '../../core/types.js';
import { matchingLines, ownPlaces } from '../../facts/files/text-lines.js';
import { infraProgramFiles } from '../../facts/iac/infra-programs.js';
import { cfnTemplates } from '../../facts/iac/cloudformation.js';
import { signalWithCode } from '../signal-with-code.js';

/** AWSQS::EKS::Cluster: the AWS Quick Start registry type many EKS stacks were built with. */
const EKS_CFN_TYPE = /^AWS::EKS::(Cluster|Nodegroup|FargateProfile|Addon)$|^AWSQS::EKS::Cluster$/;
const SOURCE_FILE = /\.(ts|js|mjs|py|go|cs|java)$/;
/**
 * Infrastructure programs: Pulumi `aws.eks.Cluster` / `eks.NewCluster`, CDK imports of aws-eks.
 * Checked line by line, comments skipped; an SDK client (`@aws-sdk/client-eks`) does not count.
 */
const EKS_IN_CODE = /\b(aws\.)?[Ee]ks\.(Cluster|NodeGroup|NodeGroupV2|ManagedNodeGroup)\s*\(|\beks\.New(Cluster|NodeGroup|ManagedNodeGroup)\s*\(|^\s*import\s+com\.pulumi\.(aws\.)?eks\.Cluster;|["']aws-cdk-lib\/aws-eks["']|\bfrom\s+aws_cdk\s+import\s+.*\baws_eks\b|\baws_cdk\.aws_eks\b|software\.amazon\.awscdk\.services\.eks\./;

export const detector = signalWithCode('eks', (repo) => {
  const evidence: FileEvidence[] = [];
  for (const template of cfnTemplates(repo)) {
    for (const resource of template.resources) {
      if (EKS_CFN_TYPE.test(resource.type)) evidence.push({ file: template.file, line: resource.line, detail: `CloudFormation ${resource.type} ${resource.name}` });
    }
  }
  for (const hit of matchingLines(repo, infraProgramFiles(repo, SOURCE_FILE), EKS_IN_CODE, 'ks')) {
    evidence.push({ file: hit.file, line: hit.line, detail: 'EKS cluster in infrastructure code' });
  }
  return ownPlaces(evidence);
});
