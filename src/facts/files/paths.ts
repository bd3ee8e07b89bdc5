/**
 * What a path is: file-name patterns shared by facts and detectors (the cheap filter that decides
 * what to parse), and the one rule for paths that are not the team's own use (isNotOwnUse and its
 * stricter variants below; sample-paths.ts and own-use.ts filter evidence with them).
 */
import type { Repository } from '../../workspace/repository.js';
import type { RepoFile } from '../../sources/repository/list-files.js';
import { memoKey } from '../../workspace/memo-key.js';
import { groovyPipelineStart, mayBeGroovyPipeline } from './groovy-pipelines.js';

const CI_PIPELINE_FILES = memoKey<ReadonlyMap<string, CiSystem>>('ciPipelineFiles');
const YAML_FILES = memoKey<RepoFile[]>('yaml-files');
const FILE_NAMES = memoKey<readonly string[]>('fileNames');

export const YAML_FILE = /\.ya?ml$/i;
export const GITHUB_WORKFLOW = /^\.github\/workflows\/[^/]+\.ya?ml$/i;
export const GITHUB_ACTION = /(^|\/)action\.ya?ml$/i;
export const GITLAB_CI = /(^|\/)([^/]*\.)?gitlab-ci\.ya?ml$|^\.gitlab\/ci\/.+\.ya?ml$/i;
export const CIRCLECI = /^\.circleci\/[^/]+\.ya?ml$/i;
export const JENKINSFILE = /(^|\/)(Jenkinsfile[^/]*|[^/]+\.jenkinsfile|[^/]+\.groovy)$/i;
export const AZURE_PIPELINES = /(^|\/)azure-pipelines[^/]*\.ya?ml$|^\.azure-pipelines\/.+\.ya?ml$/i;
export const BITBUCKET_PIPELINES = /(^|\/)bitbucket-pipelines\.ya?ml$/i;
export const TRAVIS = /(^|\/)\.travis\.ya?ml$/i;
/** cloudbuild.yaml, cloudbuild-release.yaml, or any build config kept in a cloudbuild/ folder (.github/cloudbuild/ci-pr.yaml). */
export const CLOUDBUILD = /(^|\/)cloudbuild[^/]*\.ya?ml$|(^|\/)cloudbuild\/[^/]+\.ya?ml$/i;
export const DRONE = /(^|\/)\.drone\.ya?ml$/i;
export const BUILDKITE = /^\.buildkite\/.+\.ya?ml$/i;
/** `.woodpecker.yml`, or one workflow per file under `.woodpecker/`. */
export const WOODPECKER = /^\.woodpecker(\.ya?ml|\/[^/]+\.ya?ml)$/i;
/** AWS CodeBuild build specifications: `buildspec.yml`, `buildspec-release.yaml`, anywhere. */
export const CODEBUILD = /(^|\/)buildspec[^/]*\.ya?ml$/i;
export const SHELL_SCRIPT = /\.(sh|bash|zsh|ksh)$/i;
export const MAKEFILE = /(^|\/)(GNUmakefile|[Mm]akefile|[^/]+\.mk)$/;
export const TASKFILE = /(^|\/)Taskfile(\.dist)?\.ya?ml$/i;
/** justfiles and the modules they load (`mod talos` reads talos/mod.just or talos.just). */
export const JUSTFILE = /(^|\/)(\.?[Jj]ustfile|[^/]+\.just)$/;
/**
 * Dockerfile, Containerfile, Dockerfile.prod, Dockerfile-worker, Dockerfile_api, api.Dockerfile; not
 * Dockerfile.md or Dockerfile-notes.txt (documentation about one).
 */
const DOC_EXTENSION = String.raw`([^/]*\.)?(md|markdown|txt|rst|adoc|html?|orig|bak)$`;
export const DOCKERFILE = new RegExp(
  String.raw`(^|\/)(Dockerfile|Containerfile)([.\-_](?!${DOC_EXTENSION})[^/]+)?$|(^|\/)[^/]+\.(Dockerfile|Containerfile)$`,
  'i',
);
/** compose.yaml, docker-compose.yml, compose.override.yaml, docker-compose-dev.yml, compose-dev.yaml, docker-compose.ci.yaml. */
export const COMPOSE_FILE = /(^|\/)(docker-)?compose([-.][^/]*)?\.ya?ml$/i;
export const CHART_YAML = /(^|\/)Chart\.ya?ml$/;
export const HCL_FILE = /\.(tf|tofu|hcl|tfvars)$/i;
/** Terraform and OpenTofu configuration, native (`.tf`, `.tofu`) or JSON syntax (`.tf.json`, `.tofu.json`). */
export const TERRAFORM_FILE = /\.(tf|tofu)(\.json)?$/i;

export type CiSystem =
  | 'github-actions'
  | 'gitlab-ci'
  | 'circleci'
  | 'jenkins'
  | 'tekton'
  | 'azure-pipelines'
  | 'bitbucket-pipelines'
  | 'travis'
  | 'cloudbuild'
  | 'drone'
  | 'buildkite'
  | 'woodpecker'
  | 'codebuild';

/**
 * Every pipeline file ciSystemOf knows is YAML, except Jenkins's (Jenkinsfile, *.jenkinsfile,
 * Groovy): one test that sets aside the other files of a repository before the thirteen patterns.
 */
const MAYBE_PIPELINE = /\.ya?ml$|jenkinsfile|\.groovy$/i;

/**
 * CI systems whose pipelines live in a file of their own, by that file's path. TeamCity (Kotlin
 * DSL) and Harness (pipelines usually kept in Harness, not git) are not read as pipelines.
 */
export function ciSystemOf(path: string): CiSystem | undefined {
  if (!MAYBE_PIPELINE.test(path)) return undefined;
  if (GITHUB_WORKFLOW.test(path)) return 'github-actions';
  if (GITLAB_CI.test(path)) return 'gitlab-ci';
  if (CIRCLECI.test(path)) return 'circleci';
  if (JENKINSFILE.test(path) && !/\.groovy$/i.test(path)) return 'jenkins';
  if (/\.groovy$/i.test(path) && /(^|\/)(jenkins|vars|ci)\//i.test(path)) return 'jenkins';
  if (AZURE_PIPELINES.test(path)) return 'azure-pipelines';
  if (BITBUCKET_PIPELINES.test(path)) return 'bitbucket-pipelines';
  if (TRAVIS.test(path)) return 'travis';
  if (CLOUDBUILD.test(path)) return 'cloudbuild';
  if (DRONE.test(path)) return 'drone';
  if (BUILDKITE.test(path)) return 'buildkite';
  if (WOODPECKER.test(path)) return 'woodpecker';
  if (CODEBUILD.test(path)) return 'codebuild';
  return undefined;
}

/**
 * The pipeline files of the repository with their CI system, found once per repository: by path
 * (ciSystemOf), then by content where the path cannot tell (an Azure Pipelines definition under
 * another name, a Jenkins pipeline in a Groovy file of any folder).
 */
export function ciPipelineFiles(repo: Repository): ReadonlyMap<string, CiSystem> {
  return repo.memo(CI_PIPELINE_FILES, () => {
    const pipelines = new Map<string, CiSystem>();
    for (const file of repo.files) {
      const system = ciSystemOf(file.path) ?? ciSystemByContent(repo, file.path);
      if (system !== undefined) pipelines.set(file.path, system);
    }
    return pipelines;
  });
}

function ciSystemByContent(repo: Repository, path: string): CiSystem | undefined {
  if (hasAzurePipelinesShape(repo, path)) return 'azure-pipelines';
  if (mayBeGroovyPipeline(path) && !isNotOwnUse(path) && groovyPipelineStart(repo.text(path)) !== undefined) return 'jenkins';
  return undefined;
}

/**
 * Azure Pipelines definitions kept under another name (pipelines/ci-web-app.yml, build/deploy.yml):
 * top-level stages, jobs or steps, and `- task: Name@N` entries, which no other CI system writes.
 */
const AZURE_PIPELINES_SHAPE = [/^(stages|jobs|steps)[ \t]*:/m, /^[ \t]*-[ \t]*task:[ \t]*[\w.-]+@\d+/m];

function hasAzurePipelinesShape(repo: Repository, path: string): boolean {
  if (!YAML_FILE.test(path) || isNotOwnUse(path)) return false;
  const text = repo.text(path);
  return text !== undefined && text.includes('task:') && AZURE_PIPELINES_SHAPE.every((pattern) => pattern.test(text));
}

/** A path that is documentation or an example for someone else, never evidence of our own use. */
export function isDocumentation(path: string): boolean {
  return /\.(md|markdown|rst|adoc|txt|html?)$/i.test(path) && !/requirements[^/]*\.txt$/i.test(path);
}

/**
 * Folders that hold documentation, examples or test fixtures of a repository: what is there shows
 * how others could use a tool, not that this team uses it. Evidence found there is dropped.
 */
/**
 * `extras/` holds optional variants a reader may add (bank-of-anthos: extras/prometheus, extras/istio
 * beside the manifests it deploys), like examples: its containers do not count in health-check coverage.
 * `samples?` with a suffix too: `sample-manifests/`, `samples_k8s/` hold someone else's starting point as much as `samples/`. */
const NOT_OWN_USE = /(^|\/)(docs?|examples?|samples?([-_][^/]*)?|demos?|extras?|testdata|fixtures|__fixtures__|mocks?)\//i;

export function isNotOwnUse(path: string): boolean {
  return NOT_OWN_USE.test(path) || isDocumentation(path);
}

/*
 * The stricter own-use rules, each isNotOwnUse plus the folders a group of detectors also drops.
 * All of "not the team's own use" is decided here, so a folder added to NOT_OWN_USE reaches every
 * rule. The scan applies isNotOwnUse to every detector's evidence anyway; a detector filters
 * earlier when a sample would otherwise decide something (one place per file, "seen" sets).
 */
const TEST_FOLDER = /(^|\/)(documentation|tests?|__tests__|e2e|test-data|__snapshots__)\//i;
/**
 * Data files under `hack/` (a MetalLB pool, a kind config, a test-cluster overlay) set up the
 * throwaway clusters of a project's own tests; its scripts stay, since pipelines call them to build
 * and release (`hack/release.sh`).
 */
const HARNESS_DATA = /(^|\/)hack\/(.*\/)?[^/]+\.(ya?ml|json)$/i;
/**
 * A test harness kept outside a `test/` folder: a `testing/` folder at the root (rke2-ansible's
 * throwaway VMs) or an Ansible role of that name (`roles/testing/files/pod.yaml`). Only there: an
 * `overlays/testing/` or `envs/testing/` deeper down is an environment the team deploys.
 */
const TEST_HARNESS = /^testing\/|(^|\/)roles\/testing\//i;
/**
 * A file named as a sample (`example-ingress.yaml`, `sample-app.yaml`, `values.example.yaml`,
 * `deployment-sample.yml`): kept for a reader to copy, not applied.
 */
const SAMPLE_FILE = /(^|\/)(examples?|samples?)[-_.][^/]*$|[-_.](examples?|samples?)\.[^/.]+$/i;
const TEST_DATA_FOLDER = /(^|\/)(test-data|fixture|__snapshots__)\//i;
const DOCUMENTATION_FOLDER = /(^|\/)documentation\//i;

/**
 * Delivery and observability detectors (manifests, kustomize, Argo CD, Flux, CI, monitoring,
 * logging, tracing): tests and e2e folders too, since a manifest, pipeline or stack there shows how
 * to use something (or what the tests start), not what the team runs. Precision beats
 * recall here (a platform's real files live in deploy/, k8s/, clusters/, apps/…).
 */
export function isSamplePath(path: string): boolean {
  return isNotOwnUse(path) || TEST_FOLDER.test(path) || HARNESS_DATA.test(path) || TEST_HARNESS.test(path) || SAMPLE_FILE.test(path);
}

/** The observability detectors' own-use rule is the delivery detectors' one (isSamplePath). */
export function isOwnUse(path: string): boolean {
  return !isSamplePath(path);
}

/** Container-image detectors: test data too (a linter's fixture Dockerfile, snapshot files). */
export function isTestDataPath(path: string): boolean {
  return isNotOwnUse(path) || TEST_DATA_FOLDER.test(path);
}

/**
 * Dockerfiles of the repository's own images: not test data, nor a `test/` or `tests/` folder,
 * whose Dockerfiles build fixtures for the tests (a database the suite starts), not what it ships.
 */
export function isTestImagePath(path: string): boolean {
  return isTestDataPath(path) || /(^|\/)tests?\//i.test(path);
}

/** isTestDataPath plus a `documentation/` folder: scripts there describe someone else's setup. */
export function isSampleOrDocPath(path: string): boolean {
  return isTestDataPath(path) || DOCUMENTATION_FOLDER.test(path);
}

/** Provisioning detectors (Ansible, Terraform-adjacent, cloud CLIs): a `documentation/` folder too. */
export function isProse(path: string): boolean {
  return isNotOwnUse(path) || DOCUMENTATION_FOLDER.test(path);
}

/**
 * YAML files whose path matches `pattern`, a pattern that only matches .yaml/.yml paths (every
 * alternative ends with `\.ya?ml$`). repo.filesMatching tests a new pattern on every path of the
 * repository; this tests it on the YAML files only, a fraction of a large repository.
 */
export function yamlFilesMatching(repo: Repository, pattern: RegExp): RepoFile[] {
  return repo.memo(YAML_FILES, () => repo.filesMatching(YAML_FILE).filter((file) => pattern.test(file.path)), `${pattern.source}:${pattern.flags}`);
}

/** Each file's name without its folder, in the order of `repo.files`; sliced once per repository. */
export function fileNames(repo: Repository): readonly string[] {
  return repo.memo(FILE_NAMES, () => repo.files.map((file) => file.path.slice(file.path.lastIndexOf('/') + 1)));
}
