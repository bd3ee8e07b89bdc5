import type { FileEvidence } from '../../core/types.js';
import { defineDetector } from '../detector.js';
import { definition } from './definition.js';
import { parseCodeowners } from './parse.js';

const CODEOWNERS_FILE = /^(\.github\/|docs\/|\.gitlab\/)?CODEOWNERS$/;
/** Paths where deployment lives: a rule on one of these is a rule on how the service ships. */
const DEPLOY_PATH = /(chart|helm|k8s|kube|deploy|manifest|kustomiz|overlays|Dockerfile|Containerfile|\.github\/workflows|\.github\/?$|\.gitlab-ci|terraform|\.tf\b|\.tofu\b|infra|argocd|flux|gitops|skaffold|compose)/i;

export const detector = defineDetector(definition, (repo) => {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(CODEOWNERS_FILE)) {
    const text = repo.text(file.path);
    if (text === undefined) continue;
    const rules = parseCodeowners(text);
    if (rules.length === 0) continue;
    const deploy = rules.filter((r) => DEPLOY_PATH.test(r.pattern));
    const chosen = deploy.length > 0 ? deploy : [rules.find((r) => r.pattern === '*' || r.pattern === '/*' || r.pattern === '**') ?? rules[0]!];
    for (const rule of chosen) evidence.push({ file: file.path, line: rule.line, detail: `${rule.pattern} owned by ${rule.owners.join(' ')}`.slice(0, 120) });
  }
  return evidence;
});
