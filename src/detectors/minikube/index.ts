import { commandEvidence, useEvidence } from '../../facts/ci/ci-evidence.js';
import { uniquePlaces } from '../../facts/files/evidence.js';
import { runsTool } from '../../facts/ci/tool-runs.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';

const MINIKUBE = 'minikube|\\$[({]MINIKUBE(?:_[A-Z]+)?[)}]';
const SUBCOMMAND = /^(?:(?:-p|--profile)[= ]\S+\s+)?(start|stop|delete|status|addons|image|docker-env|podman-env|kubectl|tunnel|service|ip|mount|cache|profile|dashboard|ssh|node)\b/;

export function runsMinikube(text: string): boolean {
  return runsTool(text, MINIKUBE, SUBCOMMAND);
}

export const detector = defineDetector(definition, (repo) =>
  uniquePlaces([
    ...commandEvidence(repo, runsMinikube),
    ...useEvidence(repo, /^(medyagh\/setup-minikube|manusa\/actions-setup-minikube)@/i),
  ]),
);
