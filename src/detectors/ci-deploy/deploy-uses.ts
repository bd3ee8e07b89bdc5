import type { CiUse } from '../../facts/ci/ci.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { deployTool } from './deploy-commands.js';

/** Reusable steps that deploy on their own. */
const DEPLOY_ACTIONS = /^(azure\/k8s-deploy|google-github-actions\/deploy-gke|deliverybot\/helm|bitovi\/github-actions-deploy-eks-helm)@/i;
/** CircleCI orb commands and jobs that apply to a cluster: `kubernetes/create-or-update-resource`… */
const DEPLOY_ORB_COMMANDS = /^[\w-]+\/(create-or-update-resource|update-container-image|rollout-image|publish-and-rollout-image|upgrade-helm-chart|install-helm-chart|deployment-rollout)$/;
const DEPLOY_GITLAB_TEMPLATES = /^(Auto-DevOps|Jobs\/Deploy)(\.latest)?\.gitlab-ci\.yml$/;

/** Why a reusable step deploys, or undefined. */
export function deployingUse(use: CiUse): string | undefined {
  if (DEPLOY_ACTIONS.test(use.ref)) return `uses ${use.ref}`;
  if (use.origin === 'circleci' && DEPLOY_ORB_COMMANDS.test(use.ref)) return `orb command ${use.ref}`;
  if (use.origin === 'gitlab-ci' && DEPLOY_GITLAB_TEMPLATES.test(use.ref)) return `includes ${use.ref}`;
  const inputs = isRecord(use.with) ? use.with : {};
  const input = (name: string): string => (typeof inputs[name] === 'string' ? (inputs[name] as string) : '');
  if (/^KubernetesManifest@\d+$/.test(use.ref) && /^(deploy|promote|patch|scale)?$/.test(input('action'))) return `Azure task ${use.ref} (${input('action') || 'deploy'})`;
  if (/^Kubernetes@\d+$/.test(use.ref) && /^(apply|create|replace|set|rollout)$/.test(input('command'))) return `Azure task ${use.ref} (${input('command')})`;
  if (/^HelmDeploy@\d+$/.test(use.ref) && /^(upgrade|install)$/.test(input('command'))) return `Azure task ${use.ref} (${input('command')})`;
  if (use.origin === 'bitbucket-pipelines' && /^atlassian\/azure-aks-(helm-)?deploy:/i.test(use.ref)) return `Bitbucket pipe ${use.ref}`;
  // Generic kubectl/helm wrapper actions (and Bitbucket pipes): deploy when their command input does.
  const name = use.origin === 'bitbucket-pipelines' ? (use.ref.split(':')[0] ?? '') : (use.ref.split('@')[0] ?? '');
  if (/kubectl|helm|eks|gke|aks/i.test(name)) {
    const tool = /helm/i.test(name) ? 'helm' : 'kubectl';
    for (const key of ['args', 'command', 'cmd', 'exec', 'run', 'script', 'KUBECTL_COMMAND', 'HELM_COMMAND']) {
      const lines = input(key).split('\n').map((line) => line.trim());
      if (lines.some((line) => deployTool(/^(kubectl|helm|oc)\s/.test(line) ? line : `${tool} ${line}`) !== undefined)) return `uses ${use.ref}`;
    }
  }
  return undefined;
}
