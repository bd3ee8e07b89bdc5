/**
 * Container registries by host and by the login steps a job takes. Shared by image-pipeline (where
 * images are pushed) and nexus (a Nexus docker registry is Nexus in use).
 */
import { ciFacts, type Command } from '../ci/ci.js';
import type { Repository } from '../../workspace/repository.js';

/** Registries an organization pushes images to, by the name people use for them. */
export type RegistryName =
  | 'ECR'
  | 'GCR/Artifact Registry'
  | 'ACR'
  | 'Harbor'
  | 'GHCR'
  | 'Quay'
  | 'Docker Hub'
  | 'GitLab registry'
  | 'Nexus'
  | 'Artifactory';

/** The registry a host (or a GitLab registry variable) names; undefined for unknown or local hosts. */
export function registryOfHost(rawHost: string): RegistryName | undefined {
  const host = rawHost.toLowerCase().replace(/^\w+:\/\//, '').replace(/[:/].*$/, '');
  if (/\$\{?ci_registry/i.test(rawHost)) return 'GitLab registry';
  if (host === '') return undefined;
  if (/\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(host) || host === 'public.ecr.aws') return 'ECR';
  if (/(^|\.)gcr\.io$/.test(host) || /-docker\.pkg\.dev$/.test(host)) return 'GCR/Artifact Registry';
  if (/\.azurecr\.(io|cn|us)$/.test(host)) return 'ACR';
  if (host.includes('harbor')) return 'Harbor';
  if (host === 'ghcr.io' || host === 'docker.pkg.github.com') return 'GHCR';
  if (host === 'quay.io') return 'Quay';
  if (/^((index|registry-1|registry\.hub)\.)?docker\.(io|com)$/.test(host)) return 'Docker Hub';
  if (host === 'registry.gitlab.com') return 'GitLab registry';
  if (host.includes('nexus')) return 'Nexus';
  if (/\.jfrog\.io$/.test(host) || host.includes('artifactory')) return 'Artifactory';
  return undefined;
}

/** A push to a registry that only lives for the test run (kind's local registry, a CI service). */
export function isLocalRegistry(reference: string): boolean {
  const host = reference.toLowerCase().replace(/^\w+:\/\//, '').split('/')[0] ?? '';
  return /^(localhost|127\.0\.0\.1|0\.0\.0\.0|kind-registry|registry|local-registry)(:\d+)?$/.test(host) || /\.local(:\d+)?$/.test(host);
}

/**
 * The registry an image reference names, after resolving variables defined in the same file
 * (`IMAGE: ghcr.io/acme/api` in `env:`, `REGISTRY ?= …` in a Makefile). A reference without a
 * host and without variables is Docker Hub, as Docker itself reads it.
 */
export function registryOfReference(repo: Repository, file: string, reference: string): RegistryName | undefined {
  const resolved = resolveVariables(repo, file, reference.replace(/^docker:\/\//, ''));
  const first = resolved.split('/')[0] ?? '';
  if (/\$\{?ci_registry/i.test(resolved)) return 'GitLab registry';
  if (resolved.includes('/') && /[.:]/.test(first)) return registryOfHost(first);
  if (/^[\w-]+\/[\w.-]+(:[\w.-]+)?$/.test(resolved)) return 'Docker Hub';
  return undefined;
}

const VARIABLE = /\$\{\{\s*(?:env|vars)\.(\w+)\s*\}\}|\$\{(\w+)\}|\$\((\w+)\)|\$(\w+)/g;

function resolveVariables(repo: Repository, file: string, value: string): string {
  let current = value;
  for (let round = 0; round < 4 && /\$[\w{(]/.test(current); round++) {
    current = current.replace(VARIABLE, (all, a?: string, b?: string, c?: string, d?: string) => {
      const name = a ?? b ?? c ?? d ?? '';
      if (/^CI_REGISTRY/.test(name)) return all;
      return definitionOf(repo, file, name) ?? all;
    });
  }
  return current;
}

/** `NAME: value` (YAML env), `NAME=value` / `export NAME=value` (shell), `NAME ?= value` (make). */
function definitionOf(repo: Repository, file: string, name: string): string | undefined {
  const text = repo.text(file);
  if (text === undefined) return undefined;
  const re = new RegExp(`^\\s*(?:export\\s+|-\\s+)?${name}\\s*(?::|\\?=|:=|=)\\s*['"]?([^'"\\s#]+)`, 'm');
  return re.exec(text)?.[1];
}

/**
 * Registries a job logs in to or names: login steps (docker/login-action, amazon-ecr-login…),
 * `docker login HOST`, `aws ecr get-login-password`, `az acr login`, `gcloud auth configure-docker`,
 * and the images of docker/metadata-action. Used when the pushed reference is a variable.
 */
export function registryHints(repo: Repository, file: string, job: string | undefined): RegistryName[] {
  const found = new Set<RegistryName>();
  const sameJob = (c: { file: string; job?: string | undefined }): boolean => c.file === file && (job === undefined || c.job === undefined || c.job === job);
  for (const use of ciFacts(repo).uses.filter(sameJob)) {
    const ref = use.ref.toLowerCase();
    const registry = use.with?.registry ?? use.with?.['login-server'];
    if (ref.startsWith('aws-actions/amazon-ecr-login@')) found.add('ECR');
    else if (ref.startsWith('docker/login-action@') || ref.startsWith('azure/docker-login@') || ref.startsWith('redhat-actions/podman-login@')) {
      if (typeof registry === 'string') {
        const name = registryOfHost(resolveVariables(repo, file, registry));
        if (name) found.add(name);
      } else if (ref.startsWith('docker/login-action@')) found.add('Docker Hub');
    } else if (ref.startsWith('docker/metadata-action@')) {
      const images = use.with?.images;
      if (typeof images === 'string') {
        for (const image of images.split(/[\s,]+/)) {
          const name = image.includes('/') ? registryOfReference(repo, file, image) : undefined;
          if (name) found.add(name);
        }
      }
    }
  }
  for (const command of ciFacts(repo).commands.filter(sameJob)) for (const name of commandHints(repo, command)) found.add(name);
  return [...found];
}

/** Registries one command logs in to. */
export function commandHints(repo: Repository, command: Command): RegistryName[] {
  const text = command.text;
  const names: RegistryName[] = [];
  if (/\baws\s+ecr(-public)?\s+get-login/.test(text)) names.push('ECR');
  if (/\baz\s+acr\s+login\b/.test(text)) names.push('ACR');
  if (/\bgcloud\s+auth\s+configure-docker\b/.test(text)) names.push('GCR/Artifact Registry');
  const login = /\b(?:docker|podman|buildah|nerdctl|crane\s+auth)\s+login\b(.*)$/.exec(text);
  if (login) {
    const words = login[1]!.replace(/\s(-u|-p|--username|--password|--authfile)\s+\S+/g, ' ').split(/\s+/).filter((w) => w !== '' && !w.startsWith('-'));
    const host = words[0];
    const name = host ? registryOfHost(resolveVariables(repo, command.file, host)) : 'Docker Hub';
    if (name) names.push(name);
  }
  return names;
}

/** Last resort: registries whose hosts appear on any non-comment line of the pipeline file. */
export function fileRegistryHints(repo: Repository, file: string): RegistryName[] {
  return repo.memo(`registryFileHints:${file}`, () => {
    const found = new Set<RegistryName>();
    for (const line of (repo.text(file) ?? '').split('\n')) {
      const code = line.trim();
      if (code.startsWith('#') || code.startsWith('//')) continue;
      if (/\$\{?CI_REGISTRY/.test(code)) found.add('GitLab registry');
      for (const match of code.matchAll(/(?:[a-z0-9-]+\.)+[a-z]{2,}/gi)) {
        const name = registryOfHost(match[0]);
        if (name) found.add(name);
      }
    }
    return [...found];
  });
}
