import { commandEvidence, configEvidence, useEvidence } from '../../facts/ci/ci-evidence.js';
import { uniquePlaces } from '../../facts/files/evidence.js';
import { runsTool } from '../../facts/ci/tool-runs.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';

const SUBCOMMAND = /^(dev|run|build|deploy|render|debug|apply|test|delete|verify|diagnose)\b/;

export function runsSkaffold(text: string): boolean {
  return runsTool(text, 'skaffold|\\$[({]SKAFFOLD(?:_[A-Z]+)?[)}]', SUBCOMMAND);
}

export const detector = defineDetector(definition, (repo) =>
  uniquePlaces([
    ...configEvidence(repo, { path: /(^|\/)skaffold[^/]*\.ya?ml$/i, key: 'apiVersion', value: /^skaffold\/v\d/, detail: 'Skaffold configuration' }),
    ...commandEvidence(repo, runsSkaffold),
    ...useEvidence(repo, /^hiberbee\/github-action-skaffold@/i),
  ]),
);
