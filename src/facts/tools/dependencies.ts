import type { Repository } from '../../workspace/repository.js';
import { isRecord } from '../k8s/k8s-objects.js';

/** A library a repository declares in a dependency file. */
export interface Dependency {
  /** As written: "prom-client", "go.opentelemetry.io/otel", "io.opentelemetry:opentelemetry-api". */
  name: string;
  ecosystem: 'npm' | 'go' | 'pypi' | 'maven' | 'nuget' | 'rubygems' | 'cargo' | 'composer';
  file: string;
  line: number;
}

export const DEPENDENCY_FILE = /(^|\/)(package\.json|go\.mod|requirements[^/]*\.(txt|in)|pyproject\.toml|Pipfile|setup\.py|pom\.xml|build\.gradle(\.kts)?|[^/]+\.csproj|[^/]+\.fsproj|Directory\.Packages\.props|packages\.config|Gemfile|Cargo\.toml|composer\.json)$/;

export function dependencies(repo: Repository): Dependency[] {
  return repo.memo('dependencies', () => {
    const out: Dependency[] = [];
    for (const file of repo.filesMatching(DEPENDENCY_FILE)) {
      const name = file.path.slice(file.path.lastIndexOf('/') + 1);
      const text = repo.text(file.path);
      if (text === undefined) continue;
      if (name === 'package.json' || name === 'composer.json') readJsonManifest(repo, file.path, text, name === 'package.json' ? 'npm' : 'composer', out);
      // `// indirect` requirements come in through other libraries: not the team's choice.
      else if (name === 'go.mod') readLines(text.replace(/^.*\/\/\s*indirect.*$/gm, ''), file.path, 'go', /^\s*(?:require\s+)?([a-z0-9][\w.-]*\.[a-z]{2,}\/[^\s]+)\s+v\d/i, out);
      else if (/^requirements/.test(name)) readLines(text, file.path, 'pypi', /^\s*([A-Za-z0-9][\w.-]*)(?:\[[^\]]*\])?\s*(?:[=<>!~;@]|$)/, out);
      else if (name === 'pyproject.toml' || name === 'Pipfile' || name === 'setup.py') readPython(text, file.path, out);
      else if (name === 'pom.xml') readPom(text, file.path, out);
      else if (name.startsWith('build.gradle')) readLines(text, file.path, 'maven', /^\s*\w+\s*\(?\s*["']([\w.-]+:[\w.-]+)(?::[^"']*)?["']/, out);
      else if (/\.(csproj|fsproj|props|config)$/.test(name)) readLines(text, file.path, 'nuget', /<Package(?:Reference|Version)\s+Include="([^"]+)"|<package\s+id="([^"]+)"/i, out);
      else if (name === 'Gemfile') readLines(text, file.path, 'rubygems', /^\s*gem\s+["']([^"']+)["']/, out);
      else if (name === 'Cargo.toml') readCargo(text, file.path, out);
    }
    return out;
  });
}

function readLines(text: string, file: string, ecosystem: Dependency['ecosystem'], pattern: RegExp, out: Dependency[]): void {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(#|\/\/)/.test(line)) continue;
    const match = pattern.exec(line);
    const name = match?.slice(1).find((g) => g !== undefined);
    if (name) out.push({ name, ecosystem, file, line: i + 1 });
  }
}

function readJsonManifest(repo: Repository, file: string, text: string, ecosystem: 'npm' | 'composer', out: Dependency[]): void {
  const manifest = repo.json(file);
  if (!isRecord(manifest)) return;
  const sections = ecosystem === 'npm' ? ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] : ['require', 'require-dev'];
  for (const section of sections) {
    const deps = manifest[section];
    if (!isRecord(deps)) continue;
    const sectionAt = text.indexOf(`"${section}"`);
    for (const name of Object.keys(deps)) {
      const at = text.indexOf(`"${name}"`, Math.max(sectionAt, 0));
      out.push({ name, ecosystem, file, line: at < 0 ? 1 : text.slice(0, at).split('\n').length });
    }
  }
}

/** pyproject (PEP 621 and Poetry), Pipfile and setup.py: names in dependency sections or lists. */
function readPython(text: string, file: string, out: Dependency[]): void {
  const lines = text.split('\n');
  let inSection = false;
  let inList = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const header = /^\s*\[([^\]]+)\]/.exec(line);
    if (header) {
      inSection = /(^|\.)(dependencies|dev-dependencies|packages|dev-packages)$|\.group\.[^.]+\.dependencies$/.test(header[1]!);
      inList = false;
      continue;
    }
    if (/^\s*(dependencies|install_requires|requires)\s*=\s*\[/.test(line) || /^\s*[\w-]+\s*=\s*\[/.test(line) && /optional-dependencies/.test(lines.slice(Math.max(0, i - 20), i).join('\n'))) inList = true;
    if (inList) {
      for (const match of line.matchAll(/["']([A-Za-z0-9][\w.-]*)(?:\[[^\]]*\])?\s*(?:[=<>!~;@ ]|["'])/g)) out.push({ name: match[1]!, ecosystem: 'pypi', file, line: i + 1 });
      if (line.includes(']')) inList = false;
      continue;
    }
    if (inSection) {
      const key = /^\s*["']?([A-Za-z0-9][\w.-]*)["']?\s*=/.exec(line);
      if (key && key[1] !== 'python') out.push({ name: key[1]!, ecosystem: 'pypi', file, line: i + 1 });
    }
  }
}

function readPom(text: string, file: string, out: Dependency[]): void {
  for (const match of text.matchAll(/<(dependency|plugin)>([\s\S]*?)<\/\1>/g)) {
    const group = /<groupId>\s*([^<\s]+)\s*<\/groupId>/.exec(match[2]!)?.[1];
    const artifact = /<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(match[2]!)?.[1];
    if (!artifact) continue;
    const line = text.slice(0, match.index).split('\n').length;
    out.push({ name: group ? `${group}:${artifact}` : artifact, ecosystem: 'maven', file, line });
  }
}

function readCargo(text: string, file: string, out: Dependency[]): void {
  const lines = text.split('\n');
  let inDeps = false;
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s*\[([^\]]+)\]/.exec(lines[i]!);
    if (header) {
      inDeps = /dependencies$/.test(header[1]!);
      continue;
    }
    const key = inDeps ? /^\s*([A-Za-z0-9][\w-]*)\s*=/.exec(lines[i]!) : null;
    if (key) out.push({ name: key[1]!, ecosystem: 'cargo', file, line: i + 1 });
  }
}
