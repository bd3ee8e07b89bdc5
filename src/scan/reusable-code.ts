import { terraformBlocks } from '../facts/iac/terraform.js';
import type { Repository } from '../workspace/repository.js';

/**
 * Code written for others to instantiate: a Terraform module published to a registry, an Ansible
 * collection or role on Galaxy. Such a repository declares clusters or infrastructure for its
 * callers (every `aws_eks_cluster` in it is a template) and runs none itself, so it is not a
 * platform repository (docs/how-it-decides.md, "Repository kinds").
 */
export interface ReusableCode {
  what: 'terraform-module' | 'ansible-collection' | 'ansible-role';
  /** The files that show it, for the kind's reason ("main.tf, variables.tf, outputs.tf, examples/"). */
  shownBy: string;
}

const ROOT_TF = /^[^/]+\.tf$/;
const EXAMPLE_TF = /^(examples?|tests?|test\/fixtures)\/.*\.tf$/;
/** A module block of an example that calls the repository's root: `source = "../.."` from examples/complete. */
const CALLS_PARENT = /^(\.\.\/)*\.\.\/?$/;

/** What the repository is written to be reused as, or undefined for code that runs as it stands. */
export function reusableCode(repo: Repository): ReusableCode | undefined {
  return terraformModule(repo) ?? ansibleContent(repo);
}

/**
 * A Terraform module in the registry's standard layout: `main.tf`, `variables.tf` and
 * `outputs.tf` at the root, with examples (an `examples/` folder, a `*.tf.example`, or an example
 * calling the root as a module), and no backend, cloud or provider configuration at the root
 * (a root configuration that runs `terraform apply` has those; a module leaves them to its caller).
 */
function terraformModule(repo: Repository): ReusableCode | undefined {
  const root = new Set(repo.files.filter((f) => ROOT_TF.test(f.path)).map((f) => f.path));
  const outputs = root.has('outputs.tf') ? 'outputs.tf' : root.has('output.tf') ? 'output.tf' : undefined;
  if (!root.has('main.tf') || !root.has('variables.tf') || outputs === undefined) return undefined;
  const examples = exampleOf(repo);
  if (examples === undefined) return undefined;
  for (const path of root) {
    // Top-level blocks only: `encryption_config { provider { … } }` inside a resource is no provider configuration.
    for (const block of repo.hcl(path)?.blocks ?? []) {
      if (block.type === 'terraform' && block.blocks.some((inner) => inner.type === 'backend' || inner.type === 'cloud')) return undefined;
      // `provider "aws" { region = … }` configures a provider; a module at most passes one through (`configuration_aliases`).
      if (block.type === 'provider' && Object.keys(block.attributes).some((name) => name !== 'alias')) return undefined;
    }
  }
  return { what: 'terraform-module', shownBy: `main.tf, variables.tf, ${outputs}, ${examples}` };
}

function exampleOf(repo: Repository): string | undefined {
  for (const { file, block } of terraformBlocks(repo)) {
    if (block.type !== 'module' || !EXAMPLE_TF.test(file)) continue;
    const source = block.attributes.source?.value;
    if (typeof source !== 'string' || !CALLS_PARENT.test(source.trim())) continue;
    // From examples/complete/main.tf, "../.." is the root: as many steps up as the file is deep.
    if (source.split('/').filter((step) => step === '..').length === file.split('/').length - 1) return `${file} calls it as a module`;
  }
  if (repo.files.some((f) => /^examples?\//.test(f.path))) return 'examples/';
  const example = repo.files.find((f) => /^[^/]+\.tf\.example$/.test(f.path));
  return example?.path;
}

/** An Ansible collection (`galaxy.yml` with a namespace and a name) or a role (`meta/main.yml` with `galaxy_info`) at the root. */
function ansibleContent(repo: Repository): ReusableCode | undefined {
  if (repo.files.some((f) => f.path === 'galaxy.yml')) {
    const text = repo.text('galaxy.yml') ?? '';
    if (/^namespace:\s*\S/m.test(text) && /^name:\s*\S/m.test(text)) return { what: 'ansible-collection', shownBy: 'galaxy.yml' };
  }
  if (repo.files.some((f) => f.path === 'meta/main.yml') && repo.files.some((f) => f.path === 'tasks/main.yml')) {
    if (/^galaxy_info:/m.test(repo.text('meta/main.yml') ?? '')) return { what: 'ansible-role', shownBy: 'meta/main.yml (galaxy_info), tasks/main.yml' };
  }
  return undefined;
}
