import type { FileEvidence } from '../../core/types.js';
import { chartRefs } from '../../facts/k8s/charts.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { terraformResources } from '../../facts/iac/terraform.js';
import { YAML_FILE } from '../../facts/files/paths.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { isEnabling, metadataWithKey } from '../../facts/k8s/k8s-metadata.js';
import { signalWithCode } from '../signal-with-code.js';

export const detector = signalWithCode('consul-connect', (repo) => {
  const evidence: FileEvidence[] = [];
  for (const { object, entry } of metadataWithKey(repo, (key) => key === 'consul.hashicorp.com/connect-inject')) {
    if (entry.kind === 'annotation' && isEnabling(entry.value, ['true'])) {
      evidence.push({ file: object.file, line: entry.line, detail: `${object.kind} ${object.name}: connect-inject "true"` });
    }
  }
  evidence.push(...connectInjectValues(repo));
  return evidence;
});

/**
 * The consul chart alone may run only a key-value store or service discovery; the mesh is its
 * `connectInject.enabled: true` value. Read where such values live: values files and HelmRelease
 * or Argo CD values in YAML, and helm_release `set` blocks or `values` in Terraform.
 */
function connectInjectValues(repo: Repository): FileEvidence[] {
  if (!chartRefs(repo).some((ref) => ref.chart === 'consul')) return [];
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(YAML_FILE)) {
    const text = repo.text(file.path);
    if (text === undefined || !text.includes('connectInject')) continue;
    for (const document of repo.yaml(file.path)) findConnectInject(document.value, file.path, evidence, 0);
  }
  for (const { file, block } of terraformResources(repo, /^helm_release$/)) {
    if (block.attributes.chart?.value !== 'consul') continue;
    for (const set of block.blocks) {
      const name = set.attributes.name?.value;
      const value = set.attributes.value?.value;
      if (set.type === 'set' && name === 'connectInject.enabled' && (value === true || value === 'true')) {
        evidence.push({ file, line: set.line, detail: 'helm_release consul: connectInject.enabled = true' });
      }
    }
    const values = repo.text(file) ?? '';
    // `values = [yamlencode({ connectInject = { enabled = true } })]` or a heredoc: read the text of the block.
    const lines = values.split('\n');
    for (let i = block.line - 1; i < lines.length && i < block.line + 200; i++) {
      if (/connectInject\s*[:=]\s*\{?\s*$/.test(lines[i]!) || /connectInject\s*=\s*\{\s*enabled\s*=\s*true/.test(lines[i]!)) {
        const window = lines.slice(i, i + 4).join('\n');
        if (/enabled\s*[:=]\s*"?true"?/.test(window)) evidence.push({ file, line: i + 1, detail: 'helm_release consul: connectInject enabled' });
        break;
      }
    }
  }
  return evidence;
}

function findConnectInject(node: unknown, file: string, evidence: FileEvidence[], depth: number): void {
  if (depth > 12 || !isRecord(node)) return;
  const inject = node.connectInject;
  if (isRecord(inject) && (inject.enabled === true || inject.enabled === 'true')) {
    evidence.push({ file, line: lineOf(inject, 'enabled', lineOf(node, 'connectInject')), detail: 'consul chart value connectInject.enabled: true' });
  }
  for (const [key, value] of Object.entries(node)) if (key !== 'connectInject') findConnectInject(value, file, evidence, depth + 1);
}
