import type { FileEvidence } from '../../core/types.js';
import { ciToolEvidence, gitlabContainerScanning } from '../../facts/ci/ci-evidence.js';
import { uniquePlaces } from '../../facts/files/evidence.js';
import { toolArgs } from '../../facts/ci/tool-runs.js';
import { signalWithCode } from '../signal-with-code.js';

const SUBCOMMAND = /^(image|i|fs|filesystem|config|conf|repo|repository|k8s|kubernetes|rootfs|sbom|vm|aws|plugin)\b/;

/** `trivy image x`, or the old flag-first form `trivy --exit-code 1 $IMAGE`; not `trivy --version`. */
export function runsTrivy(text: string): boolean {
  return toolArgs(text, 'trivy').some((args) => SUBCOMMAND.test(args) || (/^-/.test(args) && !/^(--version|-v|--help|-h)\s*$/.test(args)));
}

export const detector = signalWithCode('trivy', (repo) => {
  const evidence: FileEvidence[] = ciToolEvidence(repo, {
    command: runsTrivy,
    // A Drone or Woodpecker plugin step runs the scan its image is named for.
    images: /(^|\/)[^/:]*plugin-trivy(:[^/]*|@[^/]+)?$/i,
    orbs: /trivy/i,
    tektonTasks: /^trivy(-scanner)?$/,
  });
  // GitLab's Container-Scanning analyzer has been Trivy by default since GitLab 15.0.
  for (const scan of gitlabContainerScanning(repo)) {
    if (scan.analyzer === 'trivy') evidence.push({ file: scan.file, line: scan.line, detail: `includes ${scan.ref} (Trivy analyzer)` });
  }
  return uniquePlaces(evidence);
});
