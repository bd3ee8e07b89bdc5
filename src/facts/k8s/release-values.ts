/**
 * Values given to a chart installed from outside the repository: a Flux HelmRelease's
 * `spec.values`, an Argo CD Application's `helm.valuesObject`, and kustomize `helmCharts`
 * `valuesInline`/`valuesFile`. The chart's templates are not here, so what its workloads run and
 * how they are probed is only visible in these values. Shared by the image facts and the probes
 * detector.
 */
import type { Repository } from '../../workspace/repository.js';
import { lineOf } from '../../parse/yaml.js';
import { isRecord, objectsWhere } from './k8s-objects.js';
import { YAML_FILE } from '../files/paths.js';
import { isSamplePath } from '../files/sample-paths.js';

export interface ReleaseValues {
  /** The values tree, with line positions (from the manifest or values file). */
  values: Record<string, unknown>;
  file: string;
  line: number;
  /** "HelmRelease plex", "Application grafana", "helmCharts loki". */
  release: string;
}

export function releaseValues(repo: Repository): ReleaseValues[] {
  return repo.memo('releaseValues', () => {
    const out: ReleaseValues[] = [];
    const objects = objectsWhere(repo, (group, kind) => (group === 'helm.toolkit.fluxcd.io' && kind === 'HelmRelease') || (group === 'argoproj.io' && kind === 'Application'));
    for (const object of objects) {
      if (isSamplePath(object.file)) continue;
      const spec = isRecord(object.doc.spec) ? object.doc.spec : undefined;
      if (!spec) continue;
      const label = `${object.kind} ${object.name || '(unnamed)'}`;
      if (object.kind === 'HelmRelease' && isRecord(spec.values)) out.push({ values: spec.values, file: object.file, line: lineOf(spec, 'values', object.line), release: label });
      for (const source of [spec.source, ...(Array.isArray(spec.sources) ? spec.sources : [])]) {
        const helm = isRecord(source) && isRecord(source.helm) ? source.helm : undefined;
        if (helm && isRecord(helm.valuesObject)) out.push({ values: helm.valuesObject, file: object.file, line: lineOf(helm, 'valuesObject', object.line), release: label });
      }
    }
    readKustomizeHelmCharts(repo, out);
    return out;
  });
}

/** `helmCharts: [{ name, valuesInline: {…}, valuesFile: values.yaml }]` in a kustomization. */
function readKustomizeHelmCharts(repo: Repository, out: ReleaseValues[]): void {
  for (const file of repo.filesMatching(/(^|\/)kustomization\.ya?ml$/)) {
    if (isSamplePath(file.path) || !(repo.text(file.path) ?? '').includes('helmCharts')) continue;
    const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/') + 1) : '';
    for (const document of repo.yaml(file.path)) {
      const charts = isRecord(document.value) ? document.value.helmCharts : undefined;
      if (!Array.isArray(charts)) continue;
      for (const chart of charts) {
        if (!isRecord(chart)) continue;
        const label = `helmCharts ${typeof chart.name === 'string' ? chart.name : '(unnamed)'}`;
        if (isRecord(chart.valuesInline)) out.push({ values: chart.valuesInline, file: file.path, line: lineOf(chart, 'valuesInline'), release: label });
        const valuesFile = typeof chart.valuesFile === 'string' ? normalise(dir + chart.valuesFile) : undefined;
        if (valuesFile && YAML_FILE.test(valuesFile) && repo.has(valuesFile)) {
          const root = repo.yaml(valuesFile)[0];
          if (root && isRecord(root.value)) out.push({ values: root.value, file: valuesFile, line: root.line, release: label });
        }
      }
    }
  }
}

function normalise(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** A container's probes as values declare them. */
export interface ValuesProbes {
  file: string;
  /** Where the container's settings start (the mapping holding the probes). */
  line: number;
  /** "HelmRelease plex: controllers.plex.containers.app". */
  label: string;
  liveness?: number;
  readiness?: number;
}

/**
 * Probes declared in release values, two shapes: a Kubernetes-style `livenessProbe`/`readinessProbe`
 * mapping (most charts copy them into the container), and the bjw-s app-template's
 * `probes: { liveness: { enabled: true, … }, readiness: … }`. A probe switched off or empty is not
 * one. Each mapping that declares either is one container.
 */
export function releaseValueProbes(repo: Repository): ValuesProbes[] {
  return repo.memo('releaseValueProbes', () => {
    const out: ValuesProbes[] = [];
    for (const release of releaseValues(repo)) walk(release.values, [], release, out, 0);
    return out;
  });
}

function walk(node: unknown, path: string[], release: ReleaseValues, out: ValuesProbes[], depth: number): void {
  if (depth > 16 || !isRecord(node)) return;
  const probes = isRecord(node.probes) ? node.probes : undefined;
  const liveness = probeLine(node, 'livenessProbe') ?? (probes ? probeLine(probes, 'liveness') : undefined);
  const readiness = probeLine(node, 'readinessProbe') ?? (probes ? probeLine(probes, 'readiness') : undefined);
  if (liveness !== undefined || readiness !== undefined) {
    out.push({
      file: release.file,
      line: lineOf(node, undefined, release.line),
      label: `${release.release}: ${path.join('.') || '(values)'}`,
      ...(liveness !== undefined ? { liveness } : {}),
      ...(readiness !== undefined ? { readiness } : {}),
    });
    return;
  }
  for (const [key, value] of Object.entries(node)) walk(value, [...path, key], release, out, depth + 1);
}

function probeLine(parent: Record<string, unknown>, key: string): number | undefined {
  const value = parent[key];
  if (!isRecord(value) || Object.keys(value).length === 0 || value.enabled === false) return undefined;
  // app-template: `liveness: { enabled: true }` alone is the chart's default probe, still a probe.
  return lineOf(parent, key);
}
