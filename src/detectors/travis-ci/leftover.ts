/**
 * A `.travis.yml` left behind when a project moved to another CI: Travis's free service for open
 * source ended in 2021 and many repositories kept the file. It is a leftover when another CI system
 * has pipelines here and the Travis build cannot run on this tree: the language it declares has no
 * project file in any folder the build works in (`language: node_js` without a package.json), or the
 * package scripts it runs (`yarn build`, `npm run docs:build`) are not in that folder's package.json.
 * Anything the reading cannot judge (no language, a generic image, a script it cannot follow) counts
 * as a live build.
 */
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { ciPipelineFiles } from '../../facts/files/paths.js';
import { normalisePath } from '../../facts/k8s/chart-values.js';
import type { Repository } from '../../workspace/repository.js';

/** The project files a Travis `language:` builds from, at least one of which must be in the build's folder. */
const PROJECT_FILES: Record<string, RegExp> = {
  node_js: /^package\.json$/,
  python: /^(requirements[^/]*\.txt|setup\.py|setup\.cfg|pyproject\.toml|Pipfile|tox\.ini)$/,
  go: /^go\.mod$/,
  ruby: /^(Gemfile|[^/]+\.gemspec|Rakefile)$/,
  java: /^(pom\.xml|build\.gradle(\.kts)?|build\.xml|mvnw|gradlew)$/,
  rust: /^Cargo\.toml$/,
  php: /^composer\.json$/,
};

const STEP_KEYS = ['before_install', 'install', 'before_script', 'script'];

export function isLeftoverTravis(repo: Repository, file: string): boolean {
  if (![...ciPipelineFiles(repo).values()].some((system) => system !== 'travis')) return false;
  const doc = repo.yaml(file)[0]?.value;
  if (!isRecord(doc) || typeof doc.language !== 'string') return false;
  const commands = STEP_KEYS.flatMap((key) => stepList(doc[key]));
  // The folders the build works in: the root, and each folder a step changes into (`cd docs; yarn build`).
  const folders = new Set(['']);
  for (const command of commands) for (const match of command.matchAll(/(?:^|[;&|]\s*)cd\s+([\w./-]+)/g)) folders.add(normalisePath(match[1]!));
  const project = PROJECT_FILES[doc.language];
  // Go builds packages of any folder (GOPATH-era projects have no go.mod): any Go file will do.
  const anyGo = () => repo.files.some((f) => /\.go$|(^|\/)go\.mod$/.test(f.path));
  const found = doc.language === 'go' ? anyGo() : [...folders].some((folder) => holdsFileLike(repo, folder, project ?? /^/));
  if (project !== undefined && !found) return true;
  return doc.language === 'node_js' && runsMissingPackageScript(repo, commands, folders);
}

function stepList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function holdsFileLike(repo: Repository, folder: string, name: RegExp): boolean {
  const prefix = folder === '' ? '' : `${folder}/`;
  return repo.files.some((f) => f.path.startsWith(prefix) && !f.path.slice(prefix.length).includes('/') && name.test(f.path.slice(prefix.length)));
}

const PACKAGE_MANAGER_COMMAND =
  /^(install|add|ci|test|start|run|global|audit|upgrade|workspaces?|cache|config|dlx|exec|pack|publish|version|remove|link|bin|info|list|outdated|why)$/;

/** `yarn build`, `npm run docs:build` where no package.json of the build's folders defines that script. */
function runsMissingPackageScript(repo: Repository, commands: readonly string[], folders: ReadonlySet<string>): boolean {
  const wanted = commands.flatMap((command) => [...command.matchAll(/\b(?:npm\s+run(?:-script)?|yarn(?:\s+run)?)\s+([\w:.-]+)/g)].map((m) => m[1]!));
  // The package manager's own commands and flags are not package scripts.
  const named = wanted.filter((name) => !name.startsWith('-') && !PACKAGE_MANAGER_COMMAND.test(name));
  if (named.length === 0) return false;
  const scripts = new Set<string>();
  for (const folder of folders) {
    const path = folder === '' ? 'package.json' : `${folder}/package.json`;
    const text = repo.has(path) ? repo.text(path) : undefined;
    if (text === undefined) continue;
    try {
      const manifest: unknown = JSON.parse(text);
      if (isRecord(manifest) && isRecord(manifest.scripts)) for (const name of Object.keys(manifest.scripts)) scripts.add(name);
    } catch {
      return false;
    }
  }
  return named.every((name) => !scripts.has(name));
}
