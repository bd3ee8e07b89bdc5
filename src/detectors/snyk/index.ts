import { ciToolEvidence } from '../../facts/ci/ci-evidence.js';
import { toolArgs } from '../../facts/ci/tool-runs.js';
import { signalWithCode } from '../signal-with-code.js';

const SUBCOMMAND = /^(?:--?[\w-]+(?:=\S+)?\s+)*(test|monitor|container\s+(test|monitor)|iac\s+(test|describe)|code\s+test|sbom)\b/;

/** `snyk test`, `npx snyk container test x`, `snyk-linux monitor`, the Jenkins `snykSecurity(...)` step. */
export function runsSnyk(text: string): boolean {
  if (/(^|[\s;{(])snykSecurity\s*\(/.test(text)) return true;
  return toolArgs(text, 'snyk(?:-linux|-macos|-alpine|-linux-arm64|-win\\.exe)?').some((args) => SUBCOMMAND.test(args));
}

export const detector = signalWithCode('snyk', (repo) =>
  ciToolEvidence(repo, {
    command: runsSnyk,
    uses: /^snyk\/actions(?!\/setup@)(\/[\w-]+)?@/i,
    orbs: /^snyk\/snyk@/i,
  }),
);
