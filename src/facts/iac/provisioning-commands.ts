import { isRecord } from '../k8s/k8s-objects.js';
import { ciPipelineFiles, YAML_FILE, isProse } from '../files/paths.js';
import { terraformBlocks, type TerraformBlock } from './terraform.js';
import { allBlocks, type HclAttribute, type HclValue } from '../../parse/hcl.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { fileLines, isCommentLine, type TextLine } from '../files/text-lines.js';
import { memoKey } from '../../workspace/memo-key.js';

const PROVISIONING_COMMANDS = memoKey<TextLine[]>('provisioningCommands');

/**
 * Shell commands that the shared CI fact does not read: Ansible tasks (`shell:`, `command:`),
 * cloud-init `runcmd:`, Terraform provisioners and user data, and script templates (`*.sh.tpl`,
 * `*.j2`, Vagrantfile). Cluster bootstrap (`kubeadm init`, `rke up`, `eksctl create cluster`)
 * lives there far more often than in CI; findComponent reads these when asked (`provisioning`).
 */
export function provisioningCommands(repo: Repository): TextLine[] {
  return repo.memo(PROVISIONING_COMMANDS, () => {
    const out: TextLine[] = [];
    readYamlTasks(repo, out);
    readTerraform(repo, out);
    readTemplates(repo, out);
    return out;
  });
}

/** Keys whose value is shell: Ansible command modules, cloud-init, Packer/remote-exec style lists. */
const SHELL_KEYS = new Set([
  'shell', 'command', 'cmd', 'raw', 'argv', 'runcmd', 'bootcmd',
  'ansible.builtin.shell', 'ansible.builtin.command', 'ansible.builtin.raw',
  'ansible.legacy.shell', 'ansible.legacy.command', 'inline',
]);
/**
 * Cheap filter: a YAML file without any of these keys holds no task command (nor a `get_url` of
 * a release binary, which a role downloads and copies to the nodes without running a shell). `(?=(\s*))\1` takes
 * a line's indentation in one step (what an atomic group would do): a plain `\s*` backtracks
 * through the indentation of every line of a large file that has no such key.
 */
const SHELL_KEY_TEXT =
  /^(?=(\s*))\1(-\s+)?(shell|command|cmd|raw|argv|runcmd|bootcmd|inline|get_url|ansible\.(builtin|legacy)\.(shell|command|raw|get_url))\s*:/m;
/** The words of those keys: a much faster search than the line-anchored pattern, so files without any are skipped first. */
const SHELL_KEY_WORD = /shell|command|cmd|raw|argv|inline|get_url/;

function readYamlTasks(repo: Repository, out: TextLine[]): void {
  const pipelines = ciPipelineFiles(repo);
  for (const file of repo.filesMatching(YAML_FILE)) {
    // CI pipelines are the shared fact's; documentation is never evidence.
    if (pipelines.has(file.path) || isProse(file.path)) continue;
    const text = repo.text(file.path);
    if (text === undefined || !SHELL_KEY_WORD.test(text) || !SHELL_KEY_TEXT.test(text)) continue;
    for (const document of repo.yaml(file.path)) walk(repo, document.value, file.path, out, 0);
  }
}

function walk(repo: Repository, value: unknown, file: string, out: TextLine[], depth: number): void {
  if (depth > 40) return;
  if (Array.isArray(value)) {
    for (const item of value) walk(repo, item, file, out, depth + 1);
    return;
  }
  if (!isRecord(value)) return;
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (SHELL_KEYS.has(key)) {
      const line = lineOf(value, key);
      if (typeof child === 'string') addBlock(repo, child, file, line, out);
      else if (Array.isArray(child)) {
        // `argv: [kubeadm, init]` and cloud-init `runcmd: [[kubeadm, init], "…"]`.
        child.forEach((item, index) => {
          const itemLine = lineOf(child, index, line);
          if (typeof item === 'string') addBlock(repo, item, file, itemLine, out);
          else if (Array.isArray(item) && item.every((part) => typeof part === 'string')) out.push({ file, line: itemLine, text: item.join(' ') });
        });
        if (key === 'argv' && child.every((part) => typeof part === 'string')) out.push({ file, line, text: child.join(' ') });
      }
    }
    // `get_url: { url: https://get.k3s.io, dest: … }` fetches the installer a later `command:` runs
    // by its local path: the URL is what names the tool.
    if (DOWNLOAD_KEYS.has(key) && isRecord(child) && typeof child.url === 'string' && /^https?:\/\//.test(child.url)) {
      out.push({ file, line: lineOf(child, 'url', lineOf(value, key)), text: `${key} ${child.url}` });
    }
    if (typeof child === 'object' && child !== null) walk(repo, child, file, out, depth + 1);
  }
}

/** Ansible modules that download a file (an installer script) by URL. */
const DOWNLOAD_KEYS = new Set(['get_url', 'ansible.builtin.get_url', 'ansible.legacy.get_url']);

/** One command per line of a block scalar, each at its own line. */
function addBlock(repo: Repository, text: string, file: string, keyLine: number, out: TextLine[]): void {
  const parts = text.split('\n');
  const start = parts.length > 1 && /[|>][+-]?\d*\s*(#.*)?$/.test(fileLines(repo, file)?.[keyLine - 1] ?? '') ? keyLine + 1 : keyLine;
  parts.forEach((part, index) => {
    const trimmed = part.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    out.push({ file, line: start + index, text: trimmed });
  });
}

/** Terraform: provisioner `command`/`inline`, and user data / startup scripts written inline. */
const TF_SHELL_ATTRIBUTES = new Set(['command', 'commands', 'inline', 'user_data', 'custom_data', 'metadata_startup_script', 'startup_script']);
/** `local.install_k3s` in an expression's source text. */
const LOCAL_REFERENCE = /\blocal\.([A-Za-z_][\w-]*)/g;
/** Packer templates: `provisioner "shell" { inline = [...] }` bakes the installer into an image. */
const PACKER_FILE = /\.pkr\.hcl$/i;

/**
 * Shell attributes of Terraform and Packer blocks, and the `locals` they reference: a module
 * keeps its install script in `locals` (`k3s_install = "curl -sfL https://get.k3s.io | sh -"`,
 * a heredoc, a list of lines) and runs it with `inline = local.install_k3s_server`. References
 * are followed through other locals (`concat(local.pre, [format(local.k3s_install, …)])`); a
 * local nothing runs is not read.
 */
function readTerraform(repo: Repository, out: TextLine[]): void {
  const blocks = [...terraformBlocks(repo), ...packerBlocks(repo)];
  const locals = new Map<string, { file: string; attribute: HclAttribute }>();
  for (const { file, block } of blocks) {
    if (block.type !== 'locals') continue;
    for (const attribute of Object.values(block.attributes)) if (!locals.has(attribute.name)) locals.set(attribute.name, { file, attribute });
  }
  const pending: string[] = [];
  for (const { file, block } of blocks) {
    if (block.type === 'locals') continue;
    for (const attribute of Object.values(block.attributes)) {
      if (!TF_SHELL_ATTRIBUTES.has(attribute.name)) continue;
      addTerraformValue(repo, file, attribute, out);
      pending.push(...localReferences(attribute.value));
    }
  }
  const read = new Set<string>();
  while (pending.length > 0) {
    const name = pending.pop()!;
    const local = locals.get(name);
    if (read.has(name) || local === undefined) continue;
    read.add(name);
    addTerraformValue(repo, local.file, local.attribute, out);
    pending.push(...localReferences(local.attribute.value));
  }
}

/** Each line of a string value (a literal, a heredoc or an expression's source) or of a list of them. */
function addTerraformValue(repo: Repository, file: string, attribute: HclAttribute, out: TextLine[]): void {
  const values = Array.isArray(attribute.value) ? attribute.value : [attribute.value];
  const lines = fileLines(repo, file) ?? [];
  for (const value of values) {
    if (typeof value !== 'string') continue;
    for (const part of value.split('\n')) {
      const trimmed = part.trim().replace(/^["']|["'],?$/g, '');
      if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('<<')) continue;
      out.push({ file, line: findLine(lines, attribute.line, part.trim()), text: trimmed });
    }
  }
}

/** The locals an attribute's value names, in any string it holds. */
function localReferences(value: HclValue): string[] {
  if (typeof value === 'string') return [...value.matchAll(LOCAL_REFERENCE)].map((match) => match[1]!);
  if (Array.isArray(value)) return value.flatMap(localReferences);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(localReferences);
  return [];
}

function packerBlocks(repo: Repository): TerraformBlock[] {
  const out: TerraformBlock[] = [];
  for (const file of repo.filesMatching(PACKER_FILE)) {
    const hcl = repo.hcl(file.path);
    if (hcl) for (const block of allBlocks(hcl)) out.push({ file: file.path, block });
  }
  return out;
}

/** The line at or after `from` (1-based) that contains `needle`, or `from` itself. */
function findLine(lines: readonly string[], from: number, needle: string): number {
  for (let i = from - 1; i < lines.length; i++) if (lines[i]!.includes(needle)) return i + 1;
  return from;
}

/** Script templates and provisioning files nobody parses: read line by line. */
const TEMPLATE_SCRIPT = /(\.(sh|bash)\.(tpl|tmpl|j2|tftpl)|\.tftpl|(^|\/)(user[-_]?data|cloud[-_]init)[^/]*\.(tpl|tmpl|txt|cfg|sh)|(^|\/)Vagrantfile)$/i;
/** Prose keys of YAML-like templates: a task's name says what it does, it does not do it. */
const PROSE_KEY = /^\s*(-\s*)?(name|msg|description|debug|fail_msg|success_msg|that|when|summary|title)\s*:/;

/**
 * cloud-init user data kept as YAML (`cloud-init.yaml`, `user-data.yml`) or as a YAML template
 * Terraform renders (`cloudinit.yaml.tpl`): its `runcmd` and the scripts its `write_files` drop
 * (`curl -sfL https://get.k3s.io | sh -`) configure the nodes, read line by line like a script.
 */
const CLOUD_INIT_YAML = /(^|\/)[^/]*(cloud[-_]?init|user[-_]?data|cloud[-_]?config)[^/]*\.ya?ml(\.(tpl|tmpl|j2))?$/i;
const YAML_TEMPLATE = /\.ya?ml\.(tpl|tmpl|j2)$/i;
const CLOUD_CONFIG_TEXT = /^(#cloud-config|(runcmd|bootcmd|write_files)\s*:)/m;

function readTemplates(repo: Repository, out: TextLine[]): void {
  const files = repo.files.filter((file) => TEMPLATE_SCRIPT.test(file.path) || CLOUD_INIT_YAML.test(file.path) || YAML_TEMPLATE.test(file.path));
  for (const file of files) {
    if (isProse(file.path)) continue;
    const text = repo.text(file.path);
    if (text === undefined) continue;
    if (!TEMPLATE_SCRIPT.test(file.path) && !CLOUD_CONFIG_TEXT.test(text)) continue;
    text.split('\n').forEach((raw, index) => {
      if (isCommentLine(raw) || PROSE_KEY.test(raw) || /^\s*(echo|printf)\b/.test(raw)) return;
      const trimmed = raw.trim().replace(/^-\s+/, '');
      if (trimmed !== '') out.push({ file: file.path, line: index + 1, text: trimmed });
    });
  }
}
