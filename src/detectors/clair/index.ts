import { ciToolEvidence } from '../../facts/ci/ci-evidence.js';
import { toolArgs } from '../../facts/ci/tool-runs.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';

/** A Clair client run with a target; `clairctl --version` or a bare name (an install check) is not a scan. */
export function runsClair(text: string): boolean {
  return toolArgs(text, 'clairctl|clair-scanner|klar').some((args) => args !== '' && !/^(version|--version|-v|help|--help|-h)\s*$/.test(args));
}

export const detector = defineDetector(definition, (repo) =>
  ciToolEvidence(repo, {
    command: runsClair,
    uses: /^quay\/clair-action@/i,
    images: /(^|\/)(arminc\/clair-(local-scan|db)|projectquay\/clair|coreos\/clair|objectiflibre\/clair-scanner|ovotech\/clair-scanner)(:|@|$)/i,
  }),
);
