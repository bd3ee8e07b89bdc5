import { commandEvidence, configEvidence, useEvidence } from '../../facts/ci/ci-evidence.js';
import { uniquePlaces } from '../../facts/files/evidence.js';
import { runsTool } from '../../facts/ci/tool-runs.js';
import { YAML_FILE } from '../../facts/files/paths.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';

/** `kind`, `./bin/kind` or a Makefile variable such as `$(KIND)` / `${KIND_BIN}`. */
const KIND = 'kind|\\$[({]KIND(?:_[A-Z]+)?[)}]';
const SUBCOMMAND = /^(create\s+cluster|delete\s+clusters?|load\s+(docker-image|image-archive)|get\s+(kubeconfig|clusters|nodes)|export\s+(kubeconfig|logs)|build\s+node-image)\b/;

export function runsKind(text: string): boolean {
  return runsTool(text, KIND, SUBCOMMAND);
}

export const detector = defineDetector(definition, (repo) =>
  uniquePlaces([
    ...configEvidence(repo, { path: YAML_FILE, contains: 'kind.x-k8s.io', key: 'apiVersion', value: /^kind\.x-k8s\.io\//, also: (doc) => doc.kind === 'Cluster', detail: 'kind Cluster configuration' }),
    ...commandEvidence(repo, runsKind),
    ...useEvidence(repo, /^(helm\/kind-action|engineerd\/setup-kind|container-tools\/kind-action)@/i),
  ]),
);
