import { terraformBlocks } from '../facts/iac/terraform.js';
import type { HclBlock } from '../parse/hcl.js';
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
 * A Terraform module written for others to call: input variables at the root, no backend, `cloud`
 * or provider configuration and no `.tfvars` of real environments (a root configuration that runs
 * `terraform apply` has those; a module leaves them to its caller), and signs of reuse:
 * - the registry's layout, `main.tf`, `variables.tf` and `outputs.tf` with examples (an
 *   `examples/` folder, a `*.tf.example`); or
 * - an example that calls the root as a module (`source = "../../"` from examples/basic), which
 *   is reuse whatever the file names (lablabs/terraform-aws-eks-cluster-autoscaler has no outputs); or
 * - a README whose usage calls it from a registry or git address (`source = "org/name/aws"`),
 *   with outputs or examples.
 */
function terraformModule(repo: Repository): ReusableCode | undefined {
  const root = new Set(repo.files.filter((f) => ROOT_TF.test(f.path)).map((f) => f.path));
  const blocks = [...root].flatMap((path) => repo.hcl(path)?.blocks ?? []);
  if (!blocks.some((block) => block.type === 'variable')) return undefined;
  if (configuresItsOwnRun(repo, blocks)) return undefined;
  const variables = root.has('variables.tf') ? 'variables.tf' : 'variables';
  const outputs = root.has('outputs.tf') ? 'outputs.tf' : root.has('output.tf') ? 'output.tf' : undefined;
  const examples = exampleOf(repo);
  const files = ['main.tf', variables, ...(outputs ? [outputs] : [])].filter((f) => f !== 'main.tf' || root.has(f));
  if (examples !== undefined && (examples.endsWith('calls it as a module') || (outputs !== undefined && root.has('main.tf')))) {
    return { what: 'terraform-module', shownBy: [...files, examples].join(', ') };
  }
  const usage = readmeUsage(repo);
  if (usage === undefined || (outputs === undefined && examples === undefined)) return undefined;
  return { what: 'terraform-module', shownBy: [...files, ...(examples ? [examples] : []), usage].join(', ') };
}

/** A backend or `cloud` block, a provider configured at the root, or `.tfvars` of real environments: a configuration someone applies. */
function configuresItsOwnRun(repo: Repository, blocks: readonly HclBlock[]): boolean {
  for (const block of blocks) {
    // Top-level blocks only: `encryption_config { provider { … } }` inside a resource is no provider configuration.
    if (block.type === 'terraform' && block.blocks.some((inner) => inner.type === 'backend' || inner.type === 'cloud')) return true;
    // `provider "aws" { region = … }` configures a provider; a module at most passes one through (`configuration_aliases`).
    if (block.type === 'provider' && Object.keys(block.attributes).some((name) => name !== 'alias')) return true;
  }
  return repo.files.some((f) => /\.tfvars(\.json)?$/.test(f.path) && !EXAMPLE_FOLDER.test(f.path));
}

const EXAMPLE_FOLDER = /(^|\/)(examples?|tests?|test\/fixtures|fixtures)\//;
/** `module "eks" {` then `source = "cloudposse/eks-cluster/aws"` or a git address: how its callers are told to use it. */
const README_USAGE = /module\s+"[^"]+"\s*\{[^}]*?\bsource\s*=\s*"((?!\.{1,2}\/)[^"]+)"/;

function readmeUsage(repo: Repository): string | undefined {
  const readme = repo.files.find((f) => /^readme\.md$/i.test(f.path));
  const match = readme ? README_USAGE.exec(repo.text(readme.path) ?? '') : null;
  return match && readme ? `${readme.path} (source = "${match[1]}")` : undefined;
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
