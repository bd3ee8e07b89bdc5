import { ciToolEvidence, commandEvidence } from '../../facts/ci/ci-evidence.js';
import { uniquePlaces } from '../../facts/files/evidence.js';
import { runsTool } from '../../facts/ci/tool-runs.js';
import { signalWithCode } from '../signal-with-code.js';

const SUBCOMMAND = /^(bud|build|build-using-dockerfile|from|commit|push|pull|login|manifest|copy|add|run|config|tag|images|mount|unshare|rmi|containers)\b/;

export function runsBuildah(text: string): boolean {
  return runsTool(text, 'buildah', SUBCOMMAND);
}

// Runs first, then the CI steps the footprint found, then CI job images and Tekton tasks.
export const detector = signalWithCode('buildah', (repo, footprint) =>
  uniquePlaces([
    ...commandEvidence(repo, runsBuildah),
    ...footprint,
    ...ciToolEvidence(repo, { images: /(^|\/)(buildah\/stable|containers\/buildah|rhel\d*\/buildah)(:|@|$)/i, tektonTasks: /^buildah$/ }),
  ]),
);
