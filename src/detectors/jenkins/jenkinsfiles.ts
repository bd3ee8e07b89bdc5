import type { FileEvidence } from '../../core/types.js';
import type { Repository } from '../../workspace/repository.js';
import { isSamplePath } from '../../facts/files/paths.js';
import { groovyCodeLines, groovyPipelineStart, mayBeGroovyPipeline } from '../../facts/files/groovy-pipelines.js';

const JENKINSFILE_NAME = /(^|\/)(Jenkinsfile[^/]*|[^/]+\.jenkinsfile)$/i;

const SHAPES: [RegExp, string][] = [
  [/^pipeline\s*\{/, 'declarative pipeline'],
  [/^node\s*(\(|\{)/, 'scripted pipeline'],
  [/^(@Library\s*\(|library\s*[('"])/, 'pipeline from a shared library'],
  [/^(podTemplate|timestamps|timeout|ansiColor|withCredentials|properties|stage|parallel)\s*[({]/, 'scripted pipeline'],
  // Plugin and shared-library entry points such as buildPlugin() or mavenPipeline(...).
  [/^[a-z]\w*\s*\([^)]*\)?\s*\{?\s*$/, 'pipeline from a shared library'],
];

/** Jenkinsfiles that define a pipeline; comments and documentation copies never count. */
export function jenkinsfiles(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(JENKINSFILE_NAME)) {
    if (isSamplePath(file.path)) continue;
    const found = firstShape(groovyCodeLines(repo.text(file.path)));
    if (found) evidence.push({ file: file.path, line: found.line, detail: found.detail });
  }
  return evidence;
}

/**
 * Pipelines kept under another name (`pipeline/jenkins.groovy`, `ci/build.groovy`): a Groovy file
 * whose first statement opens a pipeline (the facts' test, src/facts/files/groovy-pipelines.ts).
 */
export function namedPipelines(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(/\.groovy$/i)) {
    if (JENKINSFILE_NAME.test(file.path) || isSamplePath(file.path) || !mayBeGroovyPipeline(file.path)) continue;
    const first = groovyPipelineStart(repo.text(file.path));
    if (first) {
      const shape = first.text.startsWith('pipeline') ? 'declarative' : 'scripted';
      evidence.push({ file: file.path, line: first.line, detail: `${shape} pipeline in a file not named Jenkinsfile` });
    }
  }
  return evidence;
}

/** vars/*.groovy with a `call` method: a Jenkins shared library's steps. */
export function sharedLibrarySteps(repo: Repository): FileEvidence[] {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(/(^|\/)vars\/[^/]+\.groovy$/)) {
    if (isSamplePath(file.path)) continue;
    const call = groovyCodeLines(repo.text(file.path)).find((l) => /^(def|void|Object|Map|String|boolean)\s+call\s*\(/.test(l.text));
    if (call) evidence.push({ file: file.path, line: call.line, detail: 'Jenkins shared library step' });
  }
  return evidence;
}

function firstShape(lines: { text: string; line: number }[]): { line: number; detail: string } | undefined {
  for (const [pattern, detail] of SHAPES.slice(0, 4)) {
    const hit = lines.find((l) => pattern.test(l.text));
    if (hit) return { line: hit.line, detail };
  }
  // Only a file whose first statement is a bare call counts as a library-driven pipeline.
  const first = lines.find((l) => !/^(import|package)\s/.test(l.text));
  return first && SHAPES[4]![0].test(first.text) ? { line: first.line, detail: SHAPES[4]![1] } : undefined;
}
