import type { FileEvidence } from '../../core/types.js';
import { terraformBlocks } from '../../facts/iac/terraform.js';
import { signalWithCode } from '../signal-with-code.js';

const TOP_LEVEL = new Set(['resource', 'module', 'provider', 'terraform', 'data']);

export const detector = signalWithCode('terraform', (repo) => {
  const evidence: FileEvidence[] = [];
  // One evidence per file: the first block that only Terraform would have.
  const seenFiles = new Set<string>();
  for (const { file, block } of terraformBlocks(repo)) {
    if (seenFiles.has(file) || !TOP_LEVEL.has(block.type)) continue;
    seenFiles.add(file);
    evidence.push({ file, line: block.line, detail: `${block.type} ${block.labels.join('.')}`.trim() });
  }
  for (const file of repo.filesMatching(/(^|\/)terragrunt\.hcl$/)) evidence.push({ file: file.path, line: 1, detail: 'Terragrunt configuration' });
  return evidence;
});
