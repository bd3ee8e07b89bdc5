/** File-name patterns shared by facts and detectors: the cheap filter that decides what to parse. */
import type { Repository } from '../scan/repository.js';
import type { RepoFile } from '../sources/repository/list-files.js';

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
export const SHELL_SCRIPT = /\.(sh|bash|zsh|ksh)$/i;
export const MAKEFILE = /(^|\/)(GNUmakefile|[Mm]akefile|[^/]+\.mk)$/;
export const TASKFILE = /(^|\/)Taskfile(\.dist)?\.ya?ml$/i;
export const JUSTFILE = /(^|\/)\.?[Jj]ustfile$/;
/** Dockerfile, Containerfile, Dockerfile.prod, api.Dockerfile; not Dockerfile.md (documentation about one). */
export const DOCKERFILE = /(^|\/)(Dockerfile|Containerfile)(\.(?!(md|markdown|txt|rst|adoc|html?|orig|bak)$)[^/]+)?$|(^|\/)[^/]+\.(Dockerfile|Containerfile)$/i;
export const COMPOSE_FILE = /(^|\/)(docker-)?compose(\.[^/]+)?\.ya?ml$/i;
export const CHART_YAML = /(^|\/)Chart\.ya?ml$/;
export const HCL_FILE = /\.(tf|hcl|tfvars)$/i;
export const TERRAFORM_FILE = /\.tf$/i;

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
  | 'buildkite';

/**
 * Every pipeline file ciSystemOf knows is YAML, except Jenkins's (Jenkinsfile, *.jenkinsfile,
 * Groovy): one test that sets aside the other files of a repository before the eleven patterns.
 */
const MAYBE_PIPELINE = /\.ya?ml$|jenkinsfile|\.groovy$/i;

/** CI systems whose pipelines live in a file of their own, by that file's path. */
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
  return undefined;
}

/** The pipeline files of the repository with their CI system (ciSystemOf), found once per repository. */
export function ciPipelineFiles(repo: Repository): ReadonlyMap<string, CiSystem> {
  return repo.memo('ciPipelineFiles', () => {
    const pipelines = new Map<string, CiSystem>();
    for (const file of repo.files) {
      const system = ciSystemOf(file.path);
      if (system !== undefined) pipelines.set(file.path, system);
    }
    return pipelines;
  });
}

/** A path that is documentation or an example for someone else, never evidence of our own use. */
export function isDocumentation(path: string): boolean {
  return /\.(md|markdown|rst|adoc|txt|html?)$/i.test(path) && !/requirements[^/]*\.txt$/i.test(path);
}

/**
 * Folders that hold documentation, examples or test fixtures of a repository: what is there shows
 * how others could use a tool, not that this team uses it. Evidence found there is dropped.
 * `extras/` holds optional variants a reader may add (bank-of-anthos: extras/prometheus,
 * extras/istio, extras/cloudsql beside the manifests it deploys), like examples: not the team's
 * own deployment, so its containers do not count in health-check coverage either.
 */
const NOT_OWN_USE = /(^|\/)(docs?|examples?|samples?|demos?|extras?|testdata|fixtures|__fixtures__|mocks?)\//i;

export function isNotOwnUse(path: string): boolean {
  return NOT_OWN_USE.test(path) || isDocumentation(path);
}

/**
 * YAML files whose path matches `pattern`, a pattern that only matches .yaml/.yml paths (every
 * alternative ends with `\.ya?ml$`). repo.filesMatching tests a new pattern on every path of the
 * repository; this tests it on the YAML files only, a fraction of a large repository.
 */
export function yamlFilesMatching(repo: Repository, pattern: RegExp): RepoFile[] {
  return repo.memo(`yaml-files:${pattern.source}:${pattern.flags}`, () => repo.filesMatching(YAML_FILE).filter((file) => pattern.test(file.path)));
}

/** Each file's name without its folder, in the order of `repo.files`; sliced once per repository. */
export function fileNames(repo: Repository): readonly string[] {
  return repo.memo('fileNames', () => repo.files.map((file) => file.path.slice(file.path.lastIndexOf('/') + 1)));
}
