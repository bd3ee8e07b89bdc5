/**
 * Where a repository's infrastructure code touches Kubernetes: it declares a cluster of any
 * flavour (EKS, AKS, GKE, DOKS, LKE, OKE, a Talos or RKE2 resource), configures a kubernetes,
 * helm or kubectl provider, or applies manifests and charts (Terraform `helm_release`, Pulumi
 * `@pulumi/kubernetes`, CDK `aws-eks`, CloudFormation `AWS::EKS::*`, Bicep `managedClusters`,
 * Ansible `kubernetes.core.k8s`, a provisioner running `kubectl apply`).
 *
 * Infrastructure code that touches none of it provisions another runtime (ECS on Fargate, Lambda,
 * Nomad, plain VMs, a database, DNS): such a repository can show that its infrastructure is code,
 * but not whether a Kubernetes cluster is defined as code (the model then leaves the cluster
 * definition unknown, docs/how-it-decides.md). Distributions installed by scripts or playbooks are
 * signals of their own (k3s, rke, talos…) and are read from the detections, not here.
 */
import type { FileEvidence } from '../../core/types.js';
import type { Repository } from '../../workspace/repository.js';
import { memoKey } from '../../workspace/memo-key.js';
import { isNotOwnUse, isSamplePath, yamlFilesMatching } from '../files/paths.js';
import { isRecord } from '../k8s/k8s-objects.js';
import { ansiblePlays } from './ansible-plays.js';
import { bicepResources } from './bicep.js';
import { cfnTemplates } from './cloudformation.js';
import { infraProgramFiles } from './infra-programs.js';
import { provisioningCommands } from './provisioning-commands.js';
import { terraformBlocks } from './terraform.js';

const KUBERNETES_IN_INFRASTRUCTURE = memoKey<FileEvidence[]>('kubernetesInInfrastructure');

/** Enough places to cite; the answer is a yes or no with its evidence. */
const MAX_PLACES = 3;

/**
 * Terraform resource, data and provider names of Kubernetes: the cluster resources of every cloud
 * (`aws_eks_cluster`, `azurerm_kubernetes_cluster`, `google_container_cluster`,
 * `digitalocean_kubernetes_cluster`, `linode_lke_cluster`, `oci_containerengine_cluster`,
 * `scaleway_k8s_cluster`, `ovh_cloud_project_kube`) and the providers that act inside a cluster or
 * build one (kubernetes, helm, kubectl, kustomization, flux, talos, rke, rancher2, k3s, kind).
 */
const TERRAFORM_NAMES = [
  ...['kubernetes', 'k8s', 'kube', 'eks', 'aks', 'gke', 'lke', 'doks', 'container_cluster', 'container_node_pool', 'containerengine'],
  ...['helm', 'kubectl', 'kustomization', 'kustomize', 'flux', 'talos', 'rke2?', 'rancher2', 'k3s', 'k0s', 'kind'],
];
const TERRAFORM_KUBERNETES = new RegExp(`(^|_)(${TERRAFORM_NAMES.join('|')})(_|$)`, 'i');
/** Module sources of the same (terraform-aws-modules/eks/aws, terraform-google-modules/kubernetes-engine/google, ./modules/eks). */
const MODULE_KUBERNETES = /(^|[/_-])(eks|aks|gke|lke|doks|oke|k8s|k3s|k0s|rke2?|talos|kubernetes(-engine)?|kube[a-z-]*|helm[a-z-]*)([/_.-]|$)/i;
/** CloudFormation types: AWS::EKS::Cluster, AWSQS::EKS::Cluster, AWSQS::Kubernetes::Helm, Custom::KubernetesResource. */
const CFN_KUBERNETES = /::(EKS|Kubernetes)::|^Custom::.*(Kubernetes|Helm|Eks)/i;
/** Bicep types: AKS, Arc-enabled Kubernetes, the Flux extension's configurations. */
const BICEP_KUBERNETES = /^Microsoft\.(ContainerService\/managedClusters|Kubernetes\/|KubernetesConfiguration\/|ContainerService\/fleets)/i;
/**
 * What a Pulumi or CDK program imports or names when it builds a cluster or acts in one, in any of
 * their languages: `@pulumi/kubernetes`, `pulumi_eks`, `pulumi-kubernetes` (Go module path),
 * `Pulumi.Kubernetes` (.NET), `aws-cdk-lib/aws-eks`, `aws_cdk.aws_eks`, `awseks` (Go CDK),
 * `Amazon.CDK.AWS.EKS`, EKS Blueprints, cdk8s, and the cluster classes of the cloud SDKs
 * (`aws.eks.Cluster`, `azure-native` `containerservice.ManagedCluster`, `gcp.container.Cluster`).
 */
const PROGRAM_KUBERNETES = new RegExp(
  /@pulumi\/(kubernetes|eks)\b|pulumi[_-](kubernetes|eks)\b|Pulumi\.(Kubernetes|Eks)\b|aws[-_]eks\b|awseks\b|AWS\.EKS\b|eks-blueprints|\bcdk8s\b|/.source +
  /\beks\.Cluster\b|containerservice\.ManagedCluster\b|\bcontainer\.Cluster\b|\b(kubernetes|k8s)\.(core|apps|helm|yaml|Provider)\b/.source,
);
/** Source files of such programs (Pulumi.yaml programs included) and the dependency files beside them. */
const PROGRAM_EXTENSIONS = ['ts', 'js', 'mjs', 'py', 'go', 'cs', 'fs', 'java', 'kt', 'ya?ml'];
const PROGRAM_DEPENDENCIES = [
  ...['package\\.json', 'go\\.mod', 'requirements[^/]*\\.txt', 'pyproject\\.toml', 'Pipfile'],
  ...['[^/]*\\.csproj', 'pom\\.xml', 'build\\.gradle(\\.kts)?'],
];
const PROGRAM_FILE = new RegExp(`(\\.(${PROGRAM_EXTENSIONS.join('|')})|${PROGRAM_DEPENDENCIES.join('|')})$`);
/** Ansible modules that act in a cluster: kubernetes.core.k8s, community.kubernetes.helm, k8s_info, helm. */
const ANSIBLE_MODULE = /^((kubernetes\.core|community\.kubernetes|community\.okd|redhat\.openshift)\.[\w]+|k8s(_\w+)?|helm(_\w+)?)$/;
/** A provisioner, cloud-init or playbook command that acts on a cluster. */
const COMMAND_KUBERNETES = /\b(kubectl|helm|kustomize|talosctl|eksctl)\s+(apply|create|install|upgrade|replace|-k\b|patch|bootstrap|gen)/;

/** Up to three places where infrastructure code touches Kubernetes; none when it provisions only other runtimes. */
export function kubernetesInInfrastructure(repo: Repository): FileEvidence[] {
  return repo.memo(KUBERNETES_IN_INFRASTRUCTURE, () => {
    const out: FileEvidence[] = [];
    const add = (file: string, line: number, detail: string) => {
      if (out.length < MAX_PLACES && !isNotOwnUse(file) && !out.some((e) => e.file === file)) out.push({ file, line, detail });
    };
    for (const reader of [fromTerraform, fromTemplates, fromPrograms, fromAnsible, fromCommands]) {
      if (out.length >= MAX_PLACES) break;
      reader(repo, add);
    }
    return out;
  });
}

type Add = (file: string, line: number, detail: string) => void;

function fromTerraform(repo: Repository, add: Add): void {
  for (const { file, block } of terraformBlocks(repo)) {
    const label = block.labels[0] ?? '';
    if ((block.type === 'resource' || block.type === 'data' || block.type === 'provider') && TERRAFORM_KUBERNETES.test(label)) {
      add(file, block.line, `${block.type} ${label}`);
    } else if (block.type === 'required_providers') {
      const name = Object.keys(block.attributes).find((key) => TERRAFORM_KUBERNETES.test(key));
      if (name !== undefined) add(file, block.attributes[name]!.line, `required provider ${name}`);
    } else if (block.type === 'module') {
      const source = block.attributes.source?.value;
      if (typeof source === 'string' && MODULE_KUBERNETES.test(source.replace(/^git::|\?ref=.*$/g, ''))) add(file, block.line, `module ${label} (${source})`);
    }
  }
}

function fromTemplates(repo: Repository, add: Add): void {
  for (const template of cfnTemplates(repo)) {
    const resource = template.resources.find((r) => CFN_KUBERNETES.test(r.type));
    if (resource) add(template.file, resource.line, `${resource.type} ${resource.name}`);
  }
  for (const resource of bicepResources(repo)) {
    if (!resource.existing && BICEP_KUBERNETES.test(resource.type)) add(resource.file, resource.line, `resource ${resource.type}`);
  }
}

function fromPrograms(repo: Repository, add: Add): void {
  for (const file of repo.filesMatching(infraProgramFiles(repo, PROGRAM_FILE))) {
    if (isSamplePath(file.path) || /(^|\/)(node_modules|cdk\.out|vendor)\//.test(file.path) || /\.d\.ts$/.test(file.path)) continue;
    const text = repo.text(file.path);
    const match = text === undefined ? null : PROGRAM_KUBERNETES.exec(text);
    if (match) add(file.path, text!.slice(0, match.index).split('\n').length, match[0]);
  }
}

function fromAnsible(repo: Repository, add: Add): void {
  const seen = new Set<string>();
  for (const play of ansiblePlays(repo)) {
    if (seen.has(play.file)) continue;
    seen.add(play.file);
    const module = moduleOf(TASK_KEYS.flatMap((key) => (Array.isArray(play.play[key]) ? (play.play[key] as unknown[]) : [])));
    if (module) add(play.file, play.line, `Ansible module ${module}`);
  }
  // A role's task lists (roles/argocd/tasks/main.yml) are no plays.
  for (const file of yamlFilesMatching(repo, ROLE_TASKS)) {
    for (const document of repo.yaml(file.path)) {
      const module = Array.isArray(document.value) ? moduleOf(document.value) : undefined;
      if (module) add(file.path, 1, `Ansible module ${module}`);
    }
  }
}

const TASK_KEYS = ['tasks', 'pre_tasks', 'post_tasks', 'handlers'];
const ROLE_TASKS = /(^|\/)(tasks|handlers)\/[^/]+\.ya?ml$/;

/** The first Kubernetes module a list of tasks calls, blocks included. */
function moduleOf(tasks: unknown[]): string | undefined {
  for (const task of tasks) {
    if (!isRecord(task)) continue;
    const module = Object.keys(task).find((name) => ANSIBLE_MODULE.test(name)) ?? (Array.isArray(task.block) ? moduleOf(task.block) : undefined);
    if (module) return module;
  }
  return undefined;
}

function fromCommands(repo: Repository, add: Add): void {
  for (const line of provisioningCommands(repo)) {
    const match = COMMAND_KUBERNETES.exec(line.text);
    if (match) add(line.file, line.line, match[0]);
  }
}
