import type { FileEvidence } from '../../core/types.js';
import { isRecord } from '../../facts/k8s/k8s-objects.js';
import { isSamplePath } from '../../facts/files/paths.js';
import { signalWithCode } from '../signal-with-code.js';
import { codeLines } from '../../facts/files/code-lines.js';

const JSONNET_SOURCE = /\.(jsonnet|libsonnet)$/i;

export const detector = signalWithCode('jsonnet', (repo) => {
  const evidence: FileEvidence[] = [];
  for (const file of repo.filesMatching(JSONNET_SOURCE)) {
    if (isSamplePath(file.path)) continue;
    const line = firstCodeLine(repo.text(file.path));
    if (line !== undefined) evidence.push({ file: file.path, line, detail: 'Jsonnet source' });
  }
  for (const file of repo.filesMatching(/(^|\/)jsonnetfile\.json$/)) {
    const doc = repo.json(file.path);
    if (isRecord(doc) && (Array.isArray(doc.dependencies) || doc.version !== undefined)) {
      evidence.push({ file: file.path, line: repo.lineOfText(file.path, /"(dependencies|version)"/), detail: 'jsonnet-bundler dependencies' });
    }
  }
  for (const file of repo.filesMatching(/(^|\/)spec\.json$/)) {
    const doc = repo.json(file.path);
    if (isRecord(doc) && typeof doc.apiVersion === 'string' && doc.apiVersion.startsWith('tanka.dev/')) {
      evidence.push({ file: file.path, line: repo.lineOfText(file.path, '"apiVersion"'), detail: 'Tanka environment' });
    }
  }
  return evidence;
});

/** The first line that is neither blank nor a comment, when the file holds an expression at all. */
function firstCodeLine(text: string | undefined): number | undefined {
  const first = codeLines(text, /^(\/\/|#)/)[0];
  if (first === undefined) return undefined;
  // Jsonnet is an expression language: a real file has an object, an import or a local binding.
  return /[{[(]|\bimport(str)?\b|\blocal\b|\bstd\./.test(text!) ? first.line : undefined;
}
