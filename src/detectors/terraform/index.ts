import type { FileEvidence } from '../../core/types.js';
import { terraformBlocks } from '../../facts/iac/terraform.js';
import { isSamplePath, TERRAFORM_FILE } from '../../facts/files/paths.js';
import type { Repository } from '../../workspace/repository.js';
import type { Detector } from '../detector.js';
import { signalWithCode } from '../signal-with-code.js';

const TOP_LEVEL = new Set(['resource', 'module', 'provider', 'terraform', 'data']);

const withFootprint = signalWithCode('terraform', (repo) => {
  const evidence: FileEvidence[] = [];
  // One evidence per file: the first block that only Terraform would have. A test harness's
  // configuration (test/, tests/, a root testing/ folder, Terratest fixtures, examples/) creates
  // throwaway machines for the project's own tests: it is not infrastructure the team runs.
  const seenFiles = new Set<string>();
  for (const { file, block } of terraformBlocks(repo)) {
    if (seenFiles.has(file) || !TOP_LEVEL.has(block.type) || isSamplePath(file)) continue;
    seenFiles.add(file);
    evidence.push({ file, line: block.line, detail: `${block.type} ${block.labels.join('.')}`.trim() });
  }
  for (const file of repo.filesMatching(/(^|\/)terragrunt\.hcl$/)) evidence.push({ file: file.path, line: 1, detail: 'Terragrunt configuration' });
  return evidence;
});

/**
 * When every .tf file of the repository belongs to a test harness, the pipeline's `terraform
 * apply` (and its setup-terraform step) runs that harness too: nothing shows Terraform as the
 * team's infrastructure as code (rke2-ansible: testing/main.tf, run by its integration workflow).
 */
function onlyTestHarness(repo: Repository): boolean {
  const files = repo.filesMatching(TERRAFORM_FILE);
  return files.length > 0 && files.every((file) => isSamplePath(file.path));
}

export const detector: Detector = {
  ...withFootprint,
  detect: (repo) => (onlyTestHarness(repo) && repo.filesMatching(/(^|\/)terragrunt\.hcl$/).length === 0 ? { evidence: [] } : withFootprint.detect(repo)),
};
