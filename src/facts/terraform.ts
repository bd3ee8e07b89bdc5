import type { Repository } from '../scan/repository.js';
import { allBlocks, type HclBlock } from '../parse/hcl.js';
import { TERRAFORM_FILE } from './paths.js';

export interface TerraformBlock {
  file: string;
  block: HclBlock;
}

/** Every block of every .tf file, nested blocks included. */
export function terraformBlocks(repo: Repository): TerraformBlock[] {
  return repo.memo('terraformBlocks', () => {
    const out: TerraformBlock[] = [];
    for (const file of repo.filesMatching(TERRAFORM_FILE)) {
      const hcl = repo.hcl(file.path);
      if (!hcl) continue;
      for (const block of allBlocks(hcl)) out.push({ file: file.path, block });
    }
    return out;
  });
}

/** `resource "TYPE" "name"` and `data "TYPE" "name"` blocks whose type matches. */
export function terraformResources(repo: Repository, type: RegExp): TerraformBlock[] {
  return terraformBlocks(repo).filter(({ block }) => (block.type === 'resource' || block.type === 'data') && type.test(block.labels[0] ?? ''));
}

/** `module` blocks whose `source` matches. */
export function terraformModules(repo: Repository, source: RegExp): TerraformBlock[] {
  return terraformBlocks(repo).filter(({ block }) => {
    const value = block.attributes.source?.value;
    return block.type === 'module' && typeof value === 'string' && source.test(value);
  });
}

/** `provider "NAME"` blocks and `required_providers` entries whose name or source matches. */
export function terraformProviders(repo: Repository, name: RegExp): { file: string; line: number; name: string }[] {
  const out: { file: string; line: number; name: string }[] = [];
  for (const { file, block } of terraformBlocks(repo)) {
    if (block.type === 'provider' && name.test(block.labels[0] ?? '')) out.push({ file, line: block.line, name: block.labels[0]! });
    if (block.type === 'required_providers') {
      for (const attribute of Object.values(block.attributes)) {
        const value = attribute.value;
        const source = value && typeof value === 'object' && !Array.isArray(value) && typeof value.source === 'string' ? value.source : '';
        if (name.test(attribute.name) || (source !== '' && name.test(source.split('/').pop() ?? ''))) {
          out.push({ file, line: attribute.line, name: attribute.name });
        }
      }
    }
  }
  return out;
}
