/**
 * kube-prometheus vendored with jsonnet-bundler: one jsonnetfile.json deploys Prometheus,
 * Alertmanager and Grafana together, so all three detectors read it.
 */
import type { FileEvidence } from '../../core/types.js';
import { isOwnUse } from '../files/own-use.js';
import { lineAtOffset, type Repository } from '../../workspace/repository.js';

/**
 * kube-prometheus installed through jsonnet-bundler: the jsonnetfile.json that vendors it is how
 * the stack (Prometheus, Alertmanager, Grafana) is deployed, without any chart.
 */
export function kubePrometheusJsonnet(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(/(^|\/)jsonnetfile\.json$/)) {
    if (!isOwnUse(file.path)) continue;
    const text = repo.text(file.path);
    const match = text === undefined ? null : /github\.com\/(prometheus-operator|coreos)\/kube-prometheus\b/.exec(text);
    if (text !== undefined && match) evidence.push({ file: file.path, line: lineAtOffset(text, match.index), detail: 'jsonnet dependency on kube-prometheus' });
  }
  return evidence;
}
