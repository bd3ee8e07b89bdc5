import { ciToolEvidence, commandEvidence, useEvidence } from '../../facts/ci/ci-evidence.js';
import { uniquePlaces } from '../../facts/files/evidence.js';
import { runsTool } from '../../facts/ci/tool-runs.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';

const SUBCOMMAND = /^(bud|build|build-using-dockerfile|from|commit|push|pull|login|manifest|copy|add|run|config|tag|images|mount|unshare|rmi|containers)\b/;

export function runsBuildah(text: string): boolean {
  return runsTool(text, 'buildah', SUBCOMMAND);
}

export const detector = defineDetector(definition, (repo) =>
  uniquePlaces([
    ...commandEvidence(repo, runsBuildah),
    ...useEvidence(repo, /^redhat-actions\/buildah-build@/i),
    ...ciToolEvidence(repo, { images: /(^|\/)(buildah\/stable|containers\/buildah|rhel\d*\/buildah)(:|@|$)/i, tektonTasks: /^buildah$/ }),
  ]),
);
