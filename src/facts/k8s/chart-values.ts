/**
 * The values a release of a chart passes (a Terraform `helm_release`, a Flux HelmRelease, an Argo CD
 * Application, a helmfile release, a `helm upgrade --install`), in Helm's order: values files and
 * inline values first, `--set`/`set {}` last. An umbrella chart installs several tools
 * (`prometheus` installs Alertmanager, `kube-prometheus-stack` Grafana), and its release's values
 * can switch one off (`alertmanager.enabled: false`): that release is no evidence of the tool.
 * Read, never rendered: what cannot be followed (a templated value, a remote values file) is left
 * out, and a switch not seen counts as on.
 */
import type { HclBlock, HclValue } from '../../parse/hcl.js';
import { parseYaml } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { terraformBlocks } from '../iac/terraform.js';
import { isRecord } from './k8s-objects.js';
import { YAML_FILE } from '../files/paths.js';

/** One source of values: a tree of settings. */
export type ValuesTree = Record<string, unknown>;

/** True when the last values source that sets `<key>.enabled` sets it false: the release leaves that tool out. */
export function isSwitchedOff(values: readonly ValuesTree[] | undefined, key: string): boolean {
  let enabled: unknown;
  for (const tree of values ?? []) {
    const section = tree[key];
    if (isRecord(section) && 'enabled' in section) enabled = section.enabled;
  }
  return enabled === false || enabled === 'false';
}

/** `alertmanager.enabled=false` as a tree; the value read as YAML reads a scalar. */
export function settingTree(path: string, text: string): ValuesTree {
  const keys = path.split('.').filter((k) => k !== '');
  const tree: ValuesTree = {};
  let node = tree;
  keys.forEach((key, index) => {
    if (index === keys.length - 1) node[key] = scalar(text);
    else node = node[key] = {} as ValuesTree;
  });
  return tree;
}

function scalar(text: string): unknown {
  const trimmed = text.trim().replace(/^["']|["']$/g, '');
  if (/^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** The first document of a values file in the repository, when it is a mapping. */
export function valuesFile(repo: Repository, path: string): ValuesTree | undefined {
  if (!YAML_FILE.test(path) || !repo.has(path)) return undefined;
  const root = repo.yaml(path)[0]?.value;
  return isRecord(root) ? root : undefined;
}

/** `a/./b/../c` → `a/c`. */
export function normalisePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/**
 * A `helm_release`'s values: `values = [file("helm/prometheus.yaml"), templatefile(…), <<EOT … EOT]`,
 * followed through `var.x` to the module calls that pass it, then its `set { name value }` blocks.
 */
export function terraformReleaseValues(repo: Repository, file: string, block: HclBlock): ValuesTree[] {
  const out: ValuesTree[] = [];
  for (const [item, from] of valuesItems(repo, file, block.attributes.values?.value)) {
    const tree = hclValuesItem(repo, from, item);
    if (tree) out.push(tree);
  }
  const sets = [...block.blocks.filter((b) => b.type === 'set').map((b) => ({ name: b.attributes.name?.value, value: b.attributes.value?.value }))];
  // Provider v3 writes `set = [{ name = …, value = … }]`.
  const listed = block.attributes.set?.value;
  if (Array.isArray(listed)) for (const entry of listed) if (isRecord(entry)) sets.push({ name: entry.name as HclValue, value: entry.value as HclValue });
  for (const { name, value } of sets) {
    const scalarValue = typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number';
    if (typeof name === 'string' && scalarValue) out.push(settingTree(name, String(value)));
  }
  return out;
}

/** Each item of a `values` list with the file it was written in (a module call's file for `var.x`). */
function valuesItems(repo: Repository, file: string, value: HclValue | undefined): [HclValue, string][] {
  if (Array.isArray(value)) return value.map((item) => [item, file]);
  const variable = typeof value === 'string' ? /^\s*var\.([A-Za-z_][\w-]*)\s*$/.exec(value)?.[1] : undefined;
  if (variable === undefined) return [];
  // The module calls that pass the variable to this folder's module.
  const moduleDir = folderOf(file);
  const items: [HclValue, string][] = [];
  for (const { file: caller, block } of terraformBlocks(repo)) {
    if (block.type !== 'module' || !block.attributes[variable]) continue;
    const source = block.attributes.source?.value;
    if (typeof source !== 'string' || normalisePath(`${folderOf(caller)}/${source}`) !== moduleDir) continue;
    const passed = block.attributes[variable]!.value;
    for (const item of Array.isArray(passed) ? passed : [passed]) items.push([item, caller]);
  }
  return items;
}

/** `file("p")`, `templatefile("${path.module}/p", {…})` read from the repository; a heredoc read as YAML. */
function hclValuesItem(repo: Repository, from: string, item: HclValue): ValuesTree | undefined {
  if (typeof item !== 'string') return undefined;
  const call = /^\s*(?:file|templatefile)\(\s*"([^"]+)"/.exec(item);
  if (call) {
    const written = call[1]!;
    const dir = folderOf(from);
    // `${path.module}`/`${path.root}` or a path from the root module, where `terraform` runs.
    const path = /^\$\{path\.(module|root|cwd)\}\//.test(written) ? `${dir}/${written.replace(/^\$\{path\.\w+\}\//, '')}` : `${dir}/${written}`;
    return valuesFile(repo, normalisePath(path));
  }
  // `<<EOT … EOT` (or `<<-EOT`): the values themselves, written as YAML.
  const heredoc = /^<<-?\s*(\w+)\n([\s\S]*)\n\s*\1\s*$/.exec(item);
  if (heredoc) {
    // An interpolation stands for a value the reading cannot know; the keys around it are still read.
    const root = parseYaml(heredoc[2]!.replace(/\$\{[^}]*\}/g, '__TPL__'), { maxDocuments: 1, maxNodes: repo.limits.maxNodesPerDocument }).documents[0]?.value;
    return isRecord(root) ? root : undefined;
  }
  return undefined;
}

/** A Flux HelmRelease's `spec.values`; an Argo CD source's `helm.values` (YAML text), `helm.valuesObject`, `helm.parameters`. */
export function manifestReleaseValues(repo: Repository, holder: Record<string, unknown>): ValuesTree[] {
  const out: ValuesTree[] = [];
  if (isRecord(holder.values)) out.push(holder.values);
  const helm = isRecord(holder.helm) ? holder.helm : undefined;
  if (helm === undefined) return out;
  if (typeof helm.values === 'string') {
    const root = parseYaml(helm.values, { maxDocuments: 1, maxNodes: repo.limits.maxNodesPerDocument }).documents[0]?.value;
    if (isRecord(root)) out.push(root);
  }
  if (isRecord(helm.valuesObject)) out.push(helm.valuesObject);
  out.push(...settings(helm.parameters));
  return out;
}

/** `[{ name: alertmanager.enabled, value: "false" }]`: helmfile `set`, Argo CD `parameters`. */
function settings(list: unknown): ValuesTree[] {
  const out: ValuesTree[] = [];
  for (const entry of Array.isArray(list) ? list : []) {
    if (!isRecord(entry) || typeof entry.name !== 'string' || entry.value === undefined || isRecord(entry.value)) continue;
    out.push(settingTree(entry.name, String(entry.value)));
  }
  return out;
}

/** A helmfile release's `values:` (files beside the helmfile, or inline mappings), then its `set:`. */
export function helmfileReleaseValues(repo: Repository, helmfile: string, release: Record<string, unknown>): ValuesTree[] {
  const out: ValuesTree[] = [];
  for (const item of Array.isArray(release.values) ? release.values : []) {
    if (isRecord(item)) out.push(item);
    else if (typeof item === 'string') {
      const tree = valuesFile(repo, normalisePath(`${folderOf(helmfile)}/${item}`));
      if (tree) out.push(tree);
    }
  }
  out.push(...settings(release.set));
  return out;
}

/** `helm upgrade --install … -f values/prometheus.yaml --set alertmanager.enabled=false`: files (from the root or the script's folder), then settings. */
export function commandReleaseValues(repo: Repository, file: string, words: readonly string[]): ValuesTree[] {
  const files: ValuesTree[] = [];
  const sets: ValuesTree[] = [];
  for (let i = 0; i < words.length; i++) {
    const [flag, inline] = words[i]!.split(/=(.*)/s) as [string, string | undefined];
    const value = (inline ?? words[i + 1] ?? '').replace(/^["']|["']$/g, '');
    if (flag === '-f' || flag === '--values') {
      const tree = valuesFile(repo, normalisePath(value)) ?? valuesFile(repo, normalisePath(`${folderOf(file)}/${value}`));
      if (tree) files.push(tree);
    } else if (flag === '--set' || flag === '--set-string') {
      for (const pair of value.split(',')) {
        const [path, setting] = pair.split('=');
        if (path && setting !== undefined) sets.push(settingTree(path, setting));
      }
    }
  }
  return [...files, ...sets];
}
