import type { Detection, Evidence, RepositoryKind } from '../core/types.js';
import { DEPENDENCY_FILE } from '../facts/tools/dependencies.js';
import type { ReusableCode } from './reusable-code.js';

/**
 * What a repository is, from its own evidence, with the reason a reader can check. The kind decides
 * what it is asked for: only services are judged on stage 3-4 capabilities (a library is never told
 * to containerise), and only a platform repository (or a cluster) can show that a platform
 * capability is missing. The rules, in order (docs/how-it-decides.md says the same):
 *
 * 1. service: it builds an image of its own (a Dockerfile outside helper folders, in a repository
 *    that pushes images from CI or does not declare infrastructure), runs a Kubernetes dev loop
 *    (Skaffold, Tilt, DevSpace), or its CI pushes an image (not a dev container's) while no Dockerfile is a helper's;
 *    in a repository that declares infrastructure or delivery and deploys workloads of its own, an
 *    image its CI pushes but none of its manifests deploys (and its CI does not deploy) is a helper's;
 *    a build its infrastructure code defines (CodeBuild in a CDK app) pushes as CI does; infrastructure
 *    of another runtime (Terraform for Nomad) does not make a service's Dockerfiles helpers;
 * 1b. tooling: its CI publishes the charts it holds while it declares no infrastructure or cluster
 *    (a chart collection: charts for others to install; a Dockerfile inside one of its charts is the chart's);
 * 1c. code for others to instantiate, without GitOps delivery of its own: an Ansible collection or
 *    role, or a Terraform module that installs a self-managed distribution or ships manifests, is
 *    tooling (an installer); any other registry-layout Terraform module is a library;
 * 2. platform: it declares infrastructure, clusters or GitOps delivery (Terraform, CloudFormation,
 *    Pulumi, Ansible, Packer, a cluster definition, Argo CD, Flux), whatever helper images it builds;
 * 3. tooling: its only Dockerfiles build helper images (under tools/, hack/, scripts/, ci/,
 *    .devcontainer/, test folders, or named Dockerfile.dev/.test/.ci);
 * 4. service: application code that its own manifests or chart deploy;
 * 5. library: application code with nothing to build into an image or deploy;
 * 6. tooling: Helm charts (and nothing else to deploy) without application code: charts others
 *    install; platform: Kubernetes manifests without application code (configuration of clusters);
 * 7. tooling: none of these (scripts, documentation).
 */

const IMAGE_BUILDS = ['docker', 'podman', 'buildah', 'kaniko'];
const DEV_LOOPS = ['skaffold', 'devspace', 'tilt'];
const PLATFORM_SIGNALS = ['terraform', 'cloudformation', 'pulumi', 'ansible', 'packer', 'eks', 'aks', 'gke', 'rke', 'kops', 'kubeadm', 'kubespray', 'argo-cd', 'flux'];
const WORKLOADS = ['k8s-manifests', 'helm', 'kustomize', 'jsonnet'];
/** Self-managed distributions a module or role installs on machines: what makes it an installer. */
const INSTALLED_DISTRIBUTIONS = ['k3s', 'k0s', 'rke', 'kubeadm', 'talos', 'kubespray'];
const TERRAFORM_CODE = /\.(tf|tofu)(\.json)?$/;
/** Signals of Kubernetes itself: clusters, distributions, GitOps delivery. */
const KUBERNETES_SIGNALS = [
  ...['eks', 'aks', 'gke', 'rke', 'kops', 'kubeadm', 'kubespray', 'k3s', 'k0s', 'talos', 'openshift', 'cluster-api', 'rancher'],
  ...['argo-cd', 'flux'],
];
/** PLATFORM_SIGNALS that declare infrastructure or clusters, not delivery. */
const INFRASTRUCTURE_SIGNALS = PLATFORM_SIGNALS.filter((id) => id !== 'argo-cd' && id !== 'flux');

/**
 * Folders whose images help build, test or operate something else, never the thing that runs; and
 * files an Ansible role copies to machines (a PXE server's Dockerfile in roles/pxe_server/files/).
 */
const HELPER_FOLDER = /(^|\/)(tools?|tooling|hack|scripts?|ci|\.ci|\.github|\.gitlab|\.circleci|\.devcontainer|devcontainers?|dev|tests?|e2e|integration-tests?|bench|benchmarks?)\/|(^|\/)roles\/[^/]+\/(files|templates)\//i;
/** Dockerfile.dev, Dockerfile.test, ci.Dockerfile, Dockerfile.devcontainer… */
const HELPER_DOCKERFILE = /(^|\/)(Dockerfile|Containerfile)[.-](dev|development|test|tests|ci|e2e|devcontainer|local)$|(^|\/)(dev|test|ci|e2e|devcontainer|local)\.(Dockerfile|Containerfile)$/i;

/** Application source code; helper and sample folders are not the repository's product. */
const SOURCE_CODE = /\.(go|py|java|kt|scala|js|mjs|ts|tsx|cs|fs|rb|rs|php|ex|exs|clj|swift|cpp|cc|c)$/i;
const NOT_PRODUCT = /(^|\/)(scripts?|hack|tools?|tests?|docs|examples?|samples?|e2e|testdata|\.github)\//i;

/** What the kind rules read beyond the file list and the detections (from the repository's facts). */
export interface KindFacts {
  /** `action.yml` at the root runs a Docker image (`runs.using: docker`), not a composite or JavaScript action. */
  containerAction: boolean;
  /** Last path segments of the images its own manifests, chart values and compose files deploy ("front-end"). */
  deployedImageNames: ReadonlySet<string>;
  /** Written for others to instantiate: a registry-layout Terraform module, an Ansible collection or role (./reusable-code.ts). */
  reusable?: ReusableCode;
  /** Its infrastructure code touches Kubernetes (src/facts/iac/kubernetes-in-infrastructure.ts). */
  kubernetesInInfrastructure?: boolean;
  /** Image builds its infrastructure code defines (a CodeBuild buildspec in a CDK app running `docker push`). */
  infrastructurePushes?: readonly Evidence[];
}

const NO_FACTS: KindFacts = { containerAction: false, deployedImageNames: new Set() };

export interface KindVerdict {
  kind: RepositoryKind;
  reason: string;
}

export function isHelperImagePath(path: string): boolean {
  return HELPER_FOLDER.test(path) || HELPER_DOCKERFILE.test(path);
}

/** A detection's evidence with the signal that found it. */
type Found = { id: string; e: Evidence };

/**
 * The image pushes a kind is judged by. A dev container's image (devcontainers/ci, an image named
 * *-devcontainer) is the team's editor environment, pushed so that it starts fast: never a service's.
 * A build that infrastructure code defines (a CodeBuild buildspec in a CDK app) ships images as CI
 * does; such pushes are shipped by that program, which deploys by means no manifest shows, so only
 * the others (`manifestPushes`) can make an undeployed Dockerfile a helper.
 */
function pushesOf(ciPushes: Found[], facts: KindFacts): { pushes: Found[]; manifestPushes: Found[] } {
  const own = ciPushes.filter(({ e }) => !('detail' in e && /devcontainer/i.test(e.detail ?? '')));
  const programFiles = new Set((facts.infrastructurePushes ?? []).flatMap((e) => ('file' in e ? [e.file] : [])));
  return {
    pushes: [...own, ...(facts.infrastructurePushes ?? []).map((e) => ({ id: 'image-pipeline', e }))],
    manifestPushes: own.filter(({ e }) => !('file' in e && programFiles.has(e.file))),
  };
}

/**
 * `serviceSignals`: signals that show a service of their own whatever else is there (the registry's
 * image builders and dev loops, e.g. Jib or ko); Dockerfile-like builds among them still go through
 * the helper-image rules.
 */
export function kindOf(
  files: readonly { path: string }[],
  detections: readonly Detection[],
  serviceSignals: ReadonlySet<string> = new Set(),
  facts: KindFacts = NO_FACTS,
): KindVerdict {
  const evidenceOf = (ids: readonly string[]) => detections.filter((d) => ids.includes(d.id)).flatMap((d) => d.evidence.map((e) => ({ id: d.id, e })));
  const builds = evidenceOf(IMAGE_BUILDS);
  const { pushes, manifestPushes } = pushesOf(evidenceOf(['image-pipeline']), facts);
  const platform = evidenceOf(PLATFORM_SIGNALS);
  const workloads = evidenceOf(WORKLOADS);
  // A platform repository that deploys workloads of its own and pushes images it never deploys
  // (a demo's deploy repository pushing its openapi and healthcheck test images): those images help
  // test or operate what it deploys. Its CI deploying, or a root Dockerfile, still makes a service.
  const undeployedHelper = (file: string) =>
    platform.length > 0 &&
    workloads.length > 0 &&
    manifestPushes.length > 0 &&
    evidenceOf(['ci-deploy']).length === 0 &&
    file.includes('/') &&
    !facts.deployedImageNames.has(folderName(file));
  const inChart = chartAccessory(files, evidenceOf, pushes.length > 0);
  // A container action (action.yml at the root, runs.using: docker) builds an image that runs inside someone's CI.
  const helper = (e: Evidence) => 'file' in e && (facts.containerAction || isHelperImagePath(e.file) || undeployedHelper(e.file) || inChart(e.file));
  // A repository that declares infrastructure and ships no image from CI builds its Dockerfiles
  // for its machines or its own tools (a homelab's PXE server), not as services; unless it holds
  // no Kubernetes at all: Terraform for Nomad beside the Dockerfiles of the services its Nomad
  // jobs and Compose file run (go-coffeeshop) is no Kubernetes platform with helper images.
  const holdsKubernetes = facts.kubernetesInInfrastructure === true || evidenceOf([...KUBERNETES_SIGNALS, ...WORKLOADS]).length > 0;
  const infraOnly = platform.length > 0 && holdsKubernetes && pushes.length === 0 && evidenceOf(DEV_LOOPS).length === 0;
  const ownBuilds = builds.filter(({ e }) => !helper(e) && !infraOnly);
  const helperBuilds = builds.filter(({ e }) => helper(e) || infraOnly);
  const undeployed = builds.some(({ e }) => 'file' in e && undeployedHelper(e.file));
  const helperWhy = infraOnly && builds.some(({ e }) => !helper(e)) ? ', no CI pushes an image' : undeployed ? ', pushed by CI but deployed by none of its manifests' : '';
  const helperNote = helperBuilds.length > 0 ? `; its Dockerfiles build helper images only (${places(helperBuilds.map((b) => b.e))})${helperWhy}` : '';

  if (ownBuilds.length > 0) return { kind: 'service', reason: `builds a container image of its own (${places(ownBuilds.map((b) => b.e))})` };
  const loops = evidenceOf([...new Set([...DEV_LOOPS, ...[...serviceSignals].filter((id) => !IMAGE_BUILDS.includes(id) && id !== 'image-pipeline')])]);
  if (loops.length > 0) return { kind: 'service', reason: `${DEV_LOOPS.includes(loops[0]!.id) ? 'runs a Kubernetes dev loop for its code' : 'builds or runs a service of its own'} (${loops[0]!.id}: ${places(loops.map((l) => l.e))})` };
  if (pushes.length > 0 && helperBuilds.length === 0) return { kind: 'service', reason: `its CI builds and pushes an image (${places(pushes.map((p) => p.e))})` };
  // A chart collection (argo-helm, prometheus-community/helm-charts) ships charts others install
  // (tooling, like an installer): judged on its own CI and charts, never asked for a Dockerfile nor
  // counted among the organization's services. The Argo CD or Flux it finds there is the chart it
  // publishes, not delivery it runs; infrastructure of its own still makes a platform.
  const charts = evidenceOf(['chart-publishing']);
  if (charts.length > 0 && evidenceOf(INFRASTRUCTURE_SIGNALS).length === 0) {
    return { kind: 'tooling', reason: `its CI publishes the charts it holds for others to install (${places(charts.map((c) => c.e))})` };
  }

  const reusable = reusableKind(facts.reusable, evidenceOf);
  if (reusable) return reusable;

  if (platform.length > 0) {
    // One place per tool, the most telling tools first: "terraform (infra/main.tf:3), argo-cd (…)".
    const shown = PLATFORM_SIGNALS.filter((id) => platform.some((p) => p.id === id)).slice(0, 3);
    const cited = shown.map((id) => `${id} (${places(platform.filter((p) => p.id === id).slice(0, 1).map((p) => p.e))})`);
    return { kind: 'platform', reason: `declares infrastructure, clusters or delivery: ${cited.join(', ')}${helperNote}` };
  }
  if (helperBuilds.length > 0) return { kind: 'tooling', reason: `its only Dockerfiles build helper images (${places(helperBuilds.map((b) => b.e))}), and it declares no service or infrastructure` };

  const code = files.filter((f) => SOURCE_CODE.test(f.path) && !NOT_PRODUCT.test(f.path));
  const manifest = files.find((f) => DEPENDENCY_FILE.test(f.path) && !NOT_PRODUCT.test(f.path));
  const hasCode = code.length >= 3 || (manifest !== undefined && code.length > 0);
  const codeText = `${code.length} source file${code.length === 1 ? '' : 's'}${manifest ? `, ${manifest.path}` : ''}`;
  if (hasCode && workloads.length > 0) return { kind: 'service', reason: `application code (${codeText}) deployed by its own manifests (${places(workloads.map((w) => w.e))})` };
  if (hasCode) return { kind: 'library', reason: `code (${codeText}) with nothing to build into an image or deploy: no Dockerfile, image pipeline, manifests or chart` };
  // Charts and nothing else (an umbrella chart, a vendor's chart): a product others install, not
  // the configuration of a cluster this repository runs.
  if (workloads.length > 0 && workloads.every((w) => w.id === 'helm')) {
    const reason = `Helm charts for others to install, without application code or delivery of its own (${places(workloads.map((w) => w.e))})`;
    return { kind: 'tooling', reason };
  }
  if (workloads.length > 0) return { kind: 'platform', reason: `Kubernetes configuration without application code of its own (${places(workloads.map((w) => w.e))})` };
  return { kind: 'tooling', reason: 'no application code, image, manifests or infrastructure found' };
}

/**
 * A chart collection whose CI publishes its charts and pushes no image (deliveryhero/helm-charts:
 * 50 charts, two with a Dockerfile in their folder): a Dockerfile inside a chart's folder builds an
 * accessory of that chart for others to install, not a service this repository runs.
 */
function chartAccessory(files: readonly { path: string }[], evidenceOf: (ids: readonly string[]) => unknown[], pushes: boolean): (file: string) => boolean {
  const chartFolders = files.filter((f) => /(^|\/)Chart\.yaml$/.test(f.path)).map((f) => f.path.replace(/\/?Chart\.yaml$/, ''));
  const publishes = evidenceOf(['chart-publishing']).length > 0;
  if (chartFolders.length < 2 || !publishes || pushes || evidenceOf(INFRASTRUCTURE_SIGNALS).length > 0) return () => false;
  return (file) => chartFolders.some((dir) => dir !== '' && file.startsWith(`${dir}/`));
}

/**
 * A Terraform module or an Ansible collection declares clusters for its callers: every cluster in
 * it is a template, so it is no platform. One that installs a distribution on machines (k3s by
 * remote-exec, RKE2 by a role) or ships manifests it applies is an installer, judged as tooling
 * (with manifests in real use it still gets a stage); any other module is a library. GitOps
 * delivery of its own (Argo CD, Flux) keeps it a platform.
 */
function reusableKind(reusable: ReusableCode | undefined, evidenceOf: (ids: readonly string[]) => { id: string; e: Evidence }[]): KindVerdict | undefined {
  if (reusable === undefined || evidenceOf(['argo-cd', 'flux']).length > 0) return undefined;
  if (reusable.what !== 'terraform-module') {
    const role = reusable.what === 'ansible-collection' ? 'an Ansible collection' : 'an Ansible role';
    return { kind: 'tooling', reason: `${role} for others to run against their own hosts (${reusable.shownBy}): an installer, not a platform it runs` };
  }
  const installs = evidenceOf(INSTALLED_DISTRIBUTIONS);
  if (installs.length > 0) {
    const where = places(installs.map((i) => i.e));
    return { kind: 'tooling', reason: `a Terraform module (${reusable.shownBy}) that installs ${installs[0]!.id} on the machines it creates (${where}): an installer for others, not a platform it runs` };
  }
  // A helm provider or a helm_release of someone else's chart (an add-on module installing
  // cluster-autoscaler from its upstream repository) is no chart of its own: such a module is a library.
  const workloads = evidenceOf(WORKLOADS).filter(({ id, e }) => !(id === 'helm' && 'file' in e && TERRAFORM_CODE.test(e.file)));
  if (workloads.length > 0) {
    const where = places(workloads.map((w) => w.e));
    return { kind: 'tooling', reason: `a Terraform module (${reusable.shownBy}) that applies manifests or charts of its own (${where}) for its callers` };
  }
  return { kind: 'library', reason: `a reusable Terraform module (${reusable.shownBy}): its callers instantiate it; it runs nothing itself` };
}

/** "openapi" for openapi/Dockerfile, "front-end" for src/front-end/Dockerfile.prod. */
function folderName(file: string): string {
  const parts = file.split('/');
  return (parts[parts.length - 2] ?? '').toLowerCase();
}

/** The first two places, then how many more: a reason stays one line. */
function places(evidence: readonly Evidence[]): string {
  const files = [...new Set(evidence.map((e) => ('file' in e ? `${e.file}:${e.line}` : 'object' in e ? e.object : 'history' in e ? e.history : e.attestation)))];
  return files.slice(0, 2).join(', ') + (files.length > 2 ? ` and ${files.length - 2} more` : '');
}
