import type { FileEvidence } from '../../core/types.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { lineOf } from '../../parse/yaml.js';
import type { Repository } from '../../workspace/repository.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';
import { parseJson5ish } from './json5ish.js';
import { yamlFilesMatching } from '../../facts/files/paths.js';

const RENOVATE_FILE = /^(\.github\/|\.gitlab\/)?(renovate\.json5?|\.renovaterc(\.json5?)?)$/;
/** Renovate managers that update container images. */
const IMAGE_MANAGERS = ['dockerfile', 'docker-compose', 'kubernetes', 'helm-values', 'helmv3', 'kustomize', 'argocd', 'flux', 'helmfile'];

export const detector = defineDetector(definition, (repo) => [...renovate(repo), ...dependabot(repo)]);

function renovate(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(RENOVATE_FILE)) {
    const text = repo.text(file.path);
    const config = text === undefined ? undefined : parseJson5ish(text);
    if (!isRecord(config) || !updatesImages(config)) continue;
    evidence.push({ file: file.path, line: firstContentLine(text!), detail: 'Renovate configuration (Docker image managers enabled)' });
  }
  for (const file of repo.filesMatching(/(^|\/)package\.json$/)) {
    if (file.path.includes('/')) continue; // Renovate reads only the root package.json
    const manifest = repo.json(file.path);
    if (isRecord(manifest) && isRecord(manifest.renovate) && updatesImages(manifest.renovate)) {
      evidence.push({ file: file.path, line: repo.lineOfText(file.path, '"renovate"'), detail: 'Renovate configuration in package.json' });
    }
  }
  return evidence;
}

/**
 * Renovate updates images by default; a configuration opts out with `enabledManagers` that names
 * no image manager, `dockerfile: { enabled: false }` (and the other image managers off), or a
 * top-level `enabled: false`.
 */
function updatesImages(config: Record<string, unknown>): boolean {
  if (config.enabled === false) return false;
  if (Array.isArray(config.enabledManagers)) {
    const enabled = config.enabledManagers.filter((m): m is string => typeof m === 'string');
    return enabled.some((m) => IMAGE_MANAGERS.includes(m)) && enabled.some((m) => !(isRecord(config[m]) && config[m].enabled === false));
  }
  return !['dockerfile', 'docker-compose', 'kubernetes', 'helm-values'].every((m) => isRecord(config[m]) && config[m].enabled === false) && !disablesDocker(config);
}

/** `packageRules: [{ matchDatasources: ["docker"], enabled: false }]` with no other condition turns images off. */
function disablesDocker(config: Record<string, unknown>): boolean {
  if (!Array.isArray(config.packageRules)) return false;
  return config.packageRules.some((rule) => {
    if (!isRecord(rule) || rule.enabled !== false) return false;
    const keys = Object.keys(rule).filter((k) => k !== 'enabled' && k !== 'description');
    const datasources = rule.matchDatasources ?? rule.datasources;
    const managers = rule.matchManagers ?? rule.managers;
    if (keys.length === 1 && Array.isArray(datasources)) return datasources.includes('docker');
    if (keys.length === 1 && Array.isArray(managers)) return ['dockerfile', 'docker-compose', 'kubernetes', 'helm-values'].every((m) => managers.includes(m));
    return false;
  });
}

const DOCKER_ECOSYSTEMS = new Set(['docker', 'docker-compose']);

function dependabot(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of yamlFilesMatching(repo, /^\.github\/dependabot\.ya?ml$/)) {
    for (const document of repo.yaml(file.path)) {
      const updates = isRecord(document.value) ? document.value.updates : undefined;
      if (!Array.isArray(updates)) continue;
      for (const update of updates) {
        if (!isRecord(update) || typeof update['package-ecosystem'] !== 'string' || !DOCKER_ECOSYSTEMS.has(update['package-ecosystem'])) continue;
        // `open-pull-requests-limit: 0` keeps security updates only: still updates images, so it counts.
        const directory = typeof update.directory === 'string' ? update.directory : Array.isArray(update.directories) ? update.directories.join(', ') : '/';
        evidence.push({ file: file.path, line: lineOf(update, 'package-ecosystem'), detail: `Dependabot ${update['package-ecosystem']} updates in ${directory}` });
      }
    }
  }
  return evidence;
}

function firstContentLine(text: string): number {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('//'));
  return index < 0 ? 1 : index + 1;
}
