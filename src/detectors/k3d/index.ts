import { commandEvidence, configEvidence, useEvidence } from '../../facts/ci/ci-evidence.js';
import { uniquePlaces } from '../../facts/files/evidence.js';
import { runsTool } from '../../facts/ci/tool-runs.js';
import { YAML_FILE } from '../../facts/files/paths.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';

const K3D = 'k3d|\\$[({]K3D(?:_[A-Z]+)?[)}]';
// `k3d create`/`k3d delete` are the v1–v3 forms, still in older scripts.
const SUBCOMMAND = /^(cluster\s+(create|delete|start|stop|list|edit)|image\s+import|kubeconfig\s+(get|merge|write)|registry\s+(create|delete)|node\s+(create|delete)|create\b|delete\b|import-images\b)/;

export function runsK3d(text: string): boolean {
  return runsTool(text, K3D, SUBCOMMAND);
}

export const detector = defineDetector(definition, (repo) =>
  uniquePlaces([
    ...configEvidence(repo, { path: YAML_FILE, contains: 'k3d.io', key: 'apiVersion', value: /^k3d\.io\//, also: (doc) => doc.kind === 'Simple' || doc.kind === 'Cluster', detail: 'k3d configuration' }),
    ...commandEvidence(repo, runsK3d),
    ...useEvidence(repo, /^(AbsaOSS\/k3d-action|nolar\/setup-k3d-k3s|rinx\/setup-k3d)@/i),
  ]),
);
