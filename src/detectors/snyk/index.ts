import { ciToolEvidence } from '../../facts/ci/ci-evidence.js';
import { toolArgs } from '../../facts/ci/tool-runs.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';

const SUBCOMMAND = /^(?:--?[\w-]+(?:=\S+)?\s+)*(test|monitor|container\s+(test|monitor)|iac\s+(test|describe)|code\s+test|sbom)\b/;

/** `snyk test`, `npx snyk container test x`, `snyk-linux monitor`, the Jenkins `snykSecurity(...)` step. */
export function runsSnyk(text: string): boolean {
  if (/(^|[\s;{(])snykSecurity\s*\(/.test(text)) return true;
  return toolArgs(text, 'snyk(?:-linux|-macos|-alpine|-linux-arm64|-win\\.exe)?').some((args) => SUBCOMMAND.test(args));
}

export const detector = defineDetector(definition, (repo) =>
  ciToolEvidence(repo, {
    command: runsSnyk,
    uses: /^snyk\/actions(?!\/setup@)(\/[\w-]+)?@|^SnykSecurityScan@/i,
    orbs: /^snyk\/snyk@/i,
    policyFiles: /(^|\/)\.snyk$/,
  }),
);
