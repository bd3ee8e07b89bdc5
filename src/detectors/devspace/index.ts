import { commandEvidence, configEvidence, useEvidence } from '../../facts/ci/ci-evidence.js';
import { uniquePlaces } from '../../facts/files/evidence.js';
import { runsTool } from '../../facts/ci/tool-runs.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';

const SUBCOMMAND = /^(dev|deploy|build|run|run-pipeline|purge|sync|enter|logs|use|render|attach)\b/;

export function runsDevspace(text: string): boolean {
  return runsTool(text, 'devspace|\\$[({]DEVSPACE(?:_[A-Z]+)?[)}]', SUBCOMMAND);
}

export const detector = defineDetector(definition, (repo) =>
  uniquePlaces([
    ...configEvidence(repo, { path: /(^|\/)devspace[^/]*\.ya?ml$/i, key: 'version', value: /^v[12]beta\d+$/, detail: 'DevSpace configuration' }),
    ...commandEvidence(repo, runsDevspace),
    ...useEvidence(repo, /^loft-sh\/setup-devspace@/i),
  ]),
);
