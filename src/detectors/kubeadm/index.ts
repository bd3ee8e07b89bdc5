import type { FileEvidence } from '../../core/types.js';
import { matchingLines, ownPlaces } from '../../facts/files/text-lines.js';
import { signalWithCode } from '../signal-with-code.js';

/**
 * kubeadm configuration is mostly written where no YAML parser sees it as a document: Jinja and
 * Terraform templates, heredocs in scripts, cloud-init `write_files` content. Its apiVersion line is
 * distinctive enough to count on its own.
 */
const KUBEADM_API = /^\s*(-\s+)?["']?apiVersion["']?\s*:\s*["']?kubeadm\.k8s\.io\/v1/;
const TEXT_FILES = /\.(ya?ml|j2|jinja2?|tpl|tmpl|tftpl|sh|bash|tf|tofu|cfg|conf)$|(^|\/)(user[-_]?data|cloud[-_]init)[^/]*$/i;

export const detector = signalWithCode('kubeadm', (repo, footprint) => {
  // Files read as Kubernetes objects have their evidence, with the kind; a command run in a file is not one.
  const objectFiles = new Set(footprint.filter((e) => !e.detail?.startsWith('runs ')).map((e) => e.file));
  const evidence: FileEvidence[] = [];
  for (const hit of matchingLines(repo, TEXT_FILES, KUBEADM_API, 'kubeadm.k8s.io')) {
    // One evidence per file: a template often holds Init-, Cluster- and JoinConfiguration together.
    if (objectFiles.has(hit.file)) continue;
    objectFiles.add(hit.file);
    evidence.push({ file: hit.file, line: hit.line, detail: `kubeadm configuration (${hit.text.replace(/^.*?kubeadm/, 'kubeadm').replace(/["']/g, '')})` });
  }
  return ownPlaces(evidence);
});
