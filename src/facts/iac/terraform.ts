import type { Repository } from '../../workspace/repository.js';
import { allBlocks, type HclBlock, type HclValue } from '../../parse/hcl.js';
import { TERRAFORM_FILE } from '../files/paths.js';

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
  const blocks = terraformBlocks(repo);
  // Each resource type is tested once: twenty-odd detectors ask, and a repository repeats a few types many times.
  const positions: number[] = [];
  for (const [name, list] of resourcePositionsByType(repo)) if (type.test(name)) for (const position of list) positions.push(position);
  return positions.sort((a, b) => a - b).map((position) => blocks[position]!);
}

/** Where the resource and data blocks of each type are in terraformBlocks(repo). */
function resourcePositionsByType(repo: Repository): Map<string, number[]> {
  return repo.memo('terraformResourceTypes', () => {
    const byType = new Map<string, number[]>();
    terraformBlocks(repo).forEach(({ block }, position) => {
      if (block.type !== 'resource' && block.type !== 'data') return;
      const type = block.labels[0] ?? '';
      let positions = byType.get(type);
      if (positions === undefined) byType.set(type, (positions = []));
      positions.push(position);
    });
    return byType;
  });
}

/** The `module` blocks, listed once for the module facts below. */
function moduleBlocks(repo: Repository): TerraformBlock[] {
  return repo.memo('terraformModuleBlocks', () => terraformBlocks(repo).filter(({ block }) => block.type === 'module'));
}

/** `module` blocks whose `source` matches. */
export function terraformModules(repo: Repository, source: RegExp): TerraformBlock[] {
  return moduleBlocks(repo).filter(({ block }) => {
    const value = block.attributes.source?.value;
    return typeof value === 'string' && source.test(value);
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

/**
 * `module` blocks that switch a feature on with a literal `true` attribute whose name matches
 * (`enable_kube_prometheus_stack = true` on aws-ia/eks-blueprints-addons). A flag left to a
 * variable (`= var.enable_x`) says nothing about what is deployed and does not count.
 */
export function terraformModuleFlags(repo: Repository, flag: RegExp): { file: string; line: number; module: string; flag: string }[] {
  const out: { file: string; line: number; module: string; flag: string }[] = [];
  for (const { file, block } of moduleBlocks(repo)) {
    for (const attribute of Object.values(block.attributes)) {
      if (attribute.value === true && flag.test(attribute.name)) out.push({ file, line: attribute.line, module: block.labels[0] ?? '', flag: attribute.name });
    }
  }
  return out;
}

/**
 * The literal behind `var.NAME` (its `variable "NAME" { default = … }`) or `local.NAME` (a
 * `locals` entry) in the same module folder as `file`; any other value is returned unchanged.
 * One step only: a default that is itself an expression stays an expression.
 */
export function resolveTerraformValue(repo: Repository, file: string, value: HclValue): { value: HclValue; via?: string } {
  if (typeof value !== 'string') return { value };
  const reference = /^\s*(var|local)\.([A-Za-z_][\w-]*)\s*$/.exec(value);
  if (!reference) return { value };
  const [, kind, name] = reference;
  const dir = folderOf(file);
  for (const { file: other, block } of terraformBlocks(repo)) {
    if (folderOf(other) !== dir) continue;
    if (kind === 'var' && block.type === 'variable' && block.labels[0] === name && block.attributes.default) {
      return { value: block.attributes.default.value, via: `var.${name}` };
    }
    if (kind === 'local' && block.type === 'locals' && block.attributes[name!]) return { value: block.attributes[name!]!.value, via: `local.${name}` };
  }
  return { value };
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}
