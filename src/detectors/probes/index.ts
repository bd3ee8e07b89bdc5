import type { FileEvidence } from '../../core/types.js';
import { isRecord, workloads, type Container, type Workload } from '../../facts/k8s/k8s-objects.js';
import { TEMPLATE_PLACEHOLDER } from '../../parse/helm-template.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';
import { probeFromValues, type ProbeKey } from './values-probes.js';
import { kustomizePatchFiles } from './kustomize-patches.js';
import { releaseValueProbes } from '../../facts/k8s/release-values.js';
import { isOffByDefaultAt } from '../../facts/k8s/chart-defaults.js';

const PROBES: readonly ProbeKey[] = ['livenessProbe', 'readinessProbe'];

export const detector = defineDetector(definition, (repo) => {
  const evidence: FileEvidence[] = [];
  const missing: FileEvidence[] = [];
  let covered = 0;
  let total = 0;
  const patches = kustomizePatchFiles(repo);
  for (const workload of workloads(repo)) {
    if (!counts(workload, patches)) continue;
    for (const container of workload.containers) {
      // A container without an image is a fragment (a patch, a partial override), not a container that runs.
      if (container.init || !('image' in container.raw)) continue;
      total++;
      const label = `${workload.object.kind} ${workload.object.name || '(unnamed)'} container ${container.name}`.replaceAll(TEMPLATE_PLACEHOLDER, '{{…}}');
      const found = PROBES.filter((key) => {
        const place = probePlace(repo, workload, container, key);
        if (place) evidence.push({ ...place, detail: `${label}: ${key}${place.detail ? ` ${place.detail}` : ''}` });
        return place !== undefined;
      });
      if (found.length === PROBES.length) covered++;
      else {
        const absent = PROBES.filter((key) => !found.includes(key));
        missing.push({ file: workload.object.file, line: container.line, detail: `${label}: no ${absent.join(' or ')}` });
      }
    }
  }
  // Charts installed from elsewhere: only their values show the probes (a container whose values
  // declare none is not visible here and is not counted).
  for (const declared of releaseValueProbes(repo)) {
    total++;
    if (declared.liveness !== undefined) evidence.push({ file: declared.file, line: declared.liveness, detail: `${declared.label}: livenessProbe (release values)` });
    if (declared.readiness !== undefined) evidence.push({ file: declared.file, line: declared.readiness, detail: `${declared.label}: readinessProbe (release values)` });
    if (declared.liveness !== undefined && declared.readiness !== undefined) covered++;
    else missing.push({ file: declared.file, line: declared.line, detail: `${declared.label}: no ${declared.liveness === undefined ? 'livenessProbe' : 'readinessProbe'}` });
  }
  return { evidence, coverage: { covered, total, unit: 'containers', missing } };
});

/** Long-running kinds only, and not Helm hooks or test pods (they run to completion). */
function counts(workload: Workload, patches: Set<string>): boolean {
  if (!workload.longRunning || patches.has(workload.object.file)) return false;
  const metadata = workload.object.doc.metadata;
  const annotations = isRecord(metadata) && isRecord(metadata.annotations) ? metadata.annotations : {};
  return annotations['helm.sh/hook'] === undefined;
}

/**
 * Where the container's probe is declared: its own key, or, in a chart template that left the probe
 * to `{{ toYaml .Values.livenessProbe }}` (blanked to null), the probe in the chart's values.yaml.
 */
function probePlace(repo: Repository, workload: Workload, container: Container, key: ProbeKey): FileEvidence | undefined {
  if (!(key in container.raw)) return undefined;
  const value = container.raw[key];
  const line = lineOf(container.raw, key, container.line);
  if (!workload.object.templated) return isRecord(value) && Object.keys(value).length > 0 ? { file: workload.object.file, line } : undefined;
  // A probe the chart's defaults switch off (`{{- if .Values.probes.enabled }}`, false) is offered, not set.
  if (isOffByDefaultAt(repo, workload.object.file, line)) return undefined;
  if (isRecord(value) && Object.keys(value).length > 0) return { file: workload.object.file, line };
  const declared = probeFromValues(repo, workload.object.file, line, key);
  if (!declared) return undefined;
  return { file: declared.file, line: declared.line, detail: `(from values, used by ${workload.object.file}:${line})` };
}
