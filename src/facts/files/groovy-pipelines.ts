/**
 * Jenkins pipelines kept in Groovy files not named Jenkinsfile (`pipelines/release.groovy`,
 * `jobs/deploy.groovy`): a Jenkins job can point its "Script Path" at any file, so the file's
 * content, not its folder, says it is a pipeline. One test for the facts (ciPipelineFiles, which
 * every CI-following signal reads) and the Jenkins detector.
 */
import { codeLines, type CodeLine } from './code-lines.js';

/** Groovy comments: `//`, the `*` lines of a doc comment, and a `#!` shebang. */
const GROOVY_COMMENT = /^(\/\/|\*|#!)/;

export function groovyCodeLines(text: string | undefined): CodeLine[] {
  return codeLines(text, GROOVY_COMMENT);
}

const GROOVY_FILE = /\.groovy$/i;
/**
 * A shared library's classes (src/), its steps (vars/, read by path) and test code hold Groovy that
 * is not a pipeline of its own, whatever its first line.
 */
const NOT_A_PIPELINE_FOLDER = /(^|\/)(src|vars|test)\//;
/** The first statement of a pipeline: `pipeline {`, `node {` / `node('label') {`, `podTemplate(`. */
const PIPELINE_START = /^(pipeline\s*\{|node\s*(\(|\{)|podTemplate\s*\()/;
/** What may come before it: imports, the package, a shared library annotation (`@Library('x') _`). */
const PREAMBLE = /^(import|package)\s|^@Library\s*\(/;

/** A Groovy file where a pipeline could live by its path (not a Jenkinsfile, not a library's or test's code). */
export function mayBeGroovyPipeline(path: string): boolean {
  return GROOVY_FILE.test(path) && !NOT_A_PIPELINE_FOLDER.test(path);
}

/** The line that opens the pipeline when the file's first statement does; undefined for any other Groovy. */
export function groovyPipelineStart(text: string | undefined): CodeLine | undefined {
  if (text === undefined || !/\b(pipeline|node|podTemplate)\b/.test(text)) return undefined;
  const first = groovyCodeLines(text).find((l) => !PREAMBLE.test(l.text));
  return first && PIPELINE_START.test(first.text) ? first : undefined;
}
