import { ciSystemOf, DOCKERFILE } from '../facts/files/paths.js';
import { isVendoredPath } from '../sources/repository/tree-paths.js';

/**
 * Platform and deploy files, by path alone: history lists names, never contents, so the cheap
 * path patterns of the scan decide here. Vendored folders are never anyone's own work.
 */
export type DeployCategory = 'terraform' | 'packer' | 'ansible' | 'helm' | 'kustomize' | 'kubernetes' | 'container' | 'ci';

/** The categories a developer changes when they own how their service ships. */
export const DEVELOPER_OWNED_CATEGORIES: ReadonlySet<DeployCategory> = new Set(['container', 'kubernetes', 'helm', 'kustomize']);

const TERRAFORM = /\.(tf|tofu|tfvars)(\.json)?$|(^|\/)terragrunt\.hcl$|(^|\/)\.terraform\.lock\.hcl$/i;
const PACKER = /\.pkr\.(hcl|json)$/i;
const ANSIBLE = /(^|\/)(ansible|playbooks?|roles|inventor(y|ies)|group_vars|host_vars)\/|(^|\/)(playbook|site)[^/]*\.ya?ml$|(^|\/)ansible\.cfg$/i;
const HELM = /(^|\/)Chart\.ya?ml$|(^|\/)(charts?|helm)\/.+\.(ya?ml|tpl|json)$|(^|\/)templates\/.+\.tpl$|(^|\/)values[^/]*\.ya?ml$|(^|\/)helmfile[^/]*\.ya?ml$/i;
const KUSTOMIZE = /(^|\/)kustomization\.ya?ml$|(^|\/)(kustomize|overlays)\/.+\.ya?ml$/i;
const MANIFEST_DIR = /(^|\/)(k8s|kube|kubernetes|manifests?|deploy|deployments?|argocd|argo|flux|gitops|clusters|infrastructure|infra)\/(.+\/)?[^/]+\.(ya?ml|json|jsonnet|libsonnet)$/i;
const MANIFEST_NAME = /(^|\/)([^/]+\.k8s|deployment|statefulset|daemonset|service|ingress|cronjob|job|hpa|namespace|configmap|networkpolicy|serviceaccount)s?\.ya?ml$/i;
const TEKTON = /(^|\/)\.tekton\//i;

export function deployCategoryOf(path: string): DeployCategory | undefined {
  if (isVendoredPath(path)) return undefined;
  if (DOCKERFILE.test(path)) return 'container';
  if (ciSystemOf(path) !== undefined || TEKTON.test(path)) return 'ci';
  if (TERRAFORM.test(path)) return 'terraform';
  if (PACKER.test(path)) return 'packer';
  if (KUSTOMIZE.test(path)) return 'kustomize';
  if (HELM.test(path)) return 'helm';
  if (MANIFEST_DIR.test(path) || MANIFEST_NAME.test(path)) return 'kubernetes';
  if (ANSIBLE.test(path)) return 'ansible';
  return undefined;
}
