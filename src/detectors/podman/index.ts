import { commandEvidence, useEvidence } from '../../facts/ci/ci-evidence.js';
import { uniquePlaces } from '../../facts/files/evidence.js';
import { toolArgs } from '../../facts/ci/tool-runs.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';

const SUBCOMMAND = /^(build|push|run|pull|login|tag|play|kube|compose|create|save|load|manifest|image|generate|pod|machine|buildx|start|exec|rmi|images|ps)\b/;

export function runsPodman(text: string): boolean {
  return toolArgs(text, 'podman').some((args) => SUBCOMMAND.test(args)) || toolArgs(text, 'podman-compose').some((args) => args !== '' && !/^(--version|version|-v|--help|-h)\b/.test(args));
}

export const detector = defineDetector(definition, (repo) =>
  uniquePlaces([
    ...commandEvidence(repo, runsPodman),
    ...useEvidence(repo, /^redhat-actions\/(podman-login|push-to-registry)@/i),
  ]),
);
