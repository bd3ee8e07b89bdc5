import type { Repository } from '../../workspace/repository.js';
import { parseYaml, type YamlDocument } from '../../parse/yaml.js';
import { blankTemplateActions, TEMPLATE_PLACEHOLDER } from '../../parse/helm-template.js';
import { TERRAFORM_FILE } from '../files/paths.js';

/**
 * Kubernetes manifests written as YAML inside Terraform heredocs:
 *   resource "kubectl_manifest" "x" { yaml_body = <<-YAML … YAML }
 *   resource "kubernetes_manifest" "x" { manifest = yamldecode(<<EOF … EOF) }
 * The heredoc body is parsed as YAML with its lines kept where they are in the .tf file, and
 * Terraform interpolations (`${local.name}`, `%{ if … }`) are blanked like Helm template actions.
 */
export interface HeredocManifest {
  file: string;
  document: YamlDocument;
}

/** `yaml_body = <<-YAML`, `manifest = yamldecode(<<EOF`, `yaml_body = yamldecode(<<-EOT)`… */
const OPENER = /^[ \t]*(?:yaml_body[ \t]*=[ \t]*(?:yamldecode\([ \t]*)?|[\w-]+[ \t]*=[ \t]*yamldecode\([ \t]*)<<(-?)([A-Za-z_]\w*)[ \t]*$/;

export function terraformHeredocManifests(repo: Repository): HeredocManifest[] {
  const out: HeredocManifest[] = [];
  for (const file of repo.filesMatching(TERRAFORM_FILE)) {
    const text = repo.text(file.path);
    // Cheap pre-filter: a heredoc and both manifest keys, or nothing to read.
    if (text === undefined || !text.includes('<<') || !text.includes('apiVersion') || !text.includes('kind')) continue;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const opener = OPENER.exec(lines[i]!);
      if (!opener) continue;
      const marker = opener[2]!;
      let end = i + 1;
      while (end < lines.length && lines[end]!.trim() !== marker) end++;
      if (end >= lines.length) break;
      const body = lines.slice(i + 1, end);
      i = end;
      if (!body.some((l) => /^\s*apiVersion\s*:/.test(l)) || !body.some((l) => /^\s*kind\s*:/.test(l))) continue;
      const { text: yaml, templated } = blankInterpolations(dedent(body));
      // Empty lines and a document marker on the opener's line keep the YAML line numbers equal
      // to the file's (a marker, so that positions do not depend on how many lines come first).
      const parsed = parseYaml(`${'\n'.repeat(i - body.length - 1)}---\n${yaml}`, { maxDocuments: repo.limits.maxDocumentsPerFile, maxNodes: repo.limits.maxNodesPerDocument });
      for (const error of parsed.errors) repo.warn(file.path, `YAML in heredoc: ${error}`);
      for (const document of parsed.documents) out.push({ file: file.path, document: { ...document, templated: document.templated || templated } });
    }
  }
  return out;
}

/** Terraform template files (`templatefile("${path.module}/templates/cilium.yaml.tpl", {…})`). */
const TEMPLATE_FILE = /\.ya?ml\.(tpl|tftpl)$/i;

/**
 * Manifests kept as Terraform template files that a module renders with `templatefile()` and
 * applies (k3s HelmChart objects, a CNI's install manifest): read like heredocs, `${…}` and
 * `%{…}` blanked, lines kept. Only documents with `metadata` count: a kubeconfig template
 * (`kind: Config`) or a Talos machine config is not an object anyone applies.
 */
export function terraformTemplateFileManifests(repo: Repository): HeredocManifest[] {
  const out: HeredocManifest[] = [];
  for (const file of repo.filesMatching(TEMPLATE_FILE)) {
    const text = repo.text(file.path);
    if (text === undefined || !text.includes('apiVersion') || !text.includes('kind:') || !text.includes('metadata:')) continue;
    const blanked = blankInterpolations(text.split('\n'));
    const yaml = blanked.text.includes('{{') ? blankTemplateActions(blanked.text) : blanked.text;
    const parsed = parseYaml(yaml, { maxDocuments: repo.limits.maxDocumentsPerFile, maxNodes: repo.limits.maxNodesPerDocument });
    for (const error of parsed.errors) repo.warn(file.path, `YAML in Terraform template: ${error}`);
    for (const document of parsed.documents) {
      const value = document.value;
      if (value === null || typeof value !== 'object' || Array.isArray(value) || !('metadata' in value)) continue;
      out.push({ file: file.path, document: { ...document, templated: document.templated || blanked.templated } });
    }
  }
  return out;
}

function dedent(lines: string[]): string[] {
  let indent = Infinity;
  for (const line of lines) if (line.trim() !== '') indent = Math.min(indent, /^[ \t]*/.exec(line)![0].length);
  return indent === Infinity || indent === 0 ? lines : lines.map((l) => l.slice(Math.min(indent, /^[ \t]*/.exec(l)![0].length)));
}

/** `${…}` (with nested braces) becomes the template placeholder; a line of only `%{…}` directives becomes empty. */
function blankInterpolations(lines: string[]): { text: string; templated: boolean } {
  let templated = false;
  const out = lines.map((line) => {
    if (!line.includes('${') && !line.includes('%{')) return line;
    templated = true;
    let result = '';
    let i = 0;
    while (i < line.length) {
      const start = line.indexOf('{', i);
      if (start < 1 || (line[start - 1] !== '$' && line[start - 1] !== '%') || line[start - 2] === line[start - 1]) {
        if (start < 0) {
          result += line.slice(i);
          break;
        }
        result += line.slice(i, start + 1);
        i = start + 1;
        continue;
      }
      result += line.slice(i, start - 1);
      let depth = 0;
      let j = start;
      for (; j < line.length; j++) {
        if (line[j] === '{') depth++;
        else if (line[j] === '}' && --depth === 0) break;
      }
      result += line[start - 1] === '$' ? TEMPLATE_PLACEHOLDER : '';
      i = j + 1;
    }
    return result.trim() === '' ? '' : result;
  });
  return { text: out.join('\n'), templated };
}
