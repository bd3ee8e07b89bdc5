import { ciToolEvidence } from '../../facts/ci/ci-evidence.js';
import { toolArgs } from '../../facts/ci/tool-runs.js';
import { signalWithCode } from '../signal-with-code.js';

/** A Clair client run with a target; `clairctl --version` or a bare name (an install check) is not a scan. */
export function runsClair(text: string): boolean {
  return toolArgs(text, 'clairctl|clair-scanner|klar').some((args) => args !== '' && !/^(version|--version|-v|help|--help|-h)\s*$/.test(args));
}

export const detector = signalWithCode('clair', (repo) =>
  ciToolEvidence(repo, {
    command: runsClair,
    images: /(^|\/)(arminc\/clair-(local-scan|db)|projectquay\/clair|coreos\/clair|objectiflibre\/clair-scanner|ovotech\/clair-scanner)(:|@|$)/i,
  }),
);
