import type { FileEvidence } from '../../core/types.js';
import { findComponent } from '../../facts/component.js';
import { isRecord } from '../../facts/k8s-objects.js';
import { defineDetector } from '../detector.js';
import { isSamplePath, ownEvidence } from '../k8s-manifests/evidence-filters.js';
import { definition } from './definition.js';

const JSONNET_SOURCE = /\.(jsonnet|libsonnet)$/i;

export const detector = defineDetector(definition, (repo) => {
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
  evidence.push(...ownEvidence(findComponent(repo, definition.component)));
  return evidence;
});

/** The first line that is neither blank nor a comment, when the file holds an expression at all. */
function firstCodeLine(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const lines = text.split('\n');
  let inBlock = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.trim();
    if (inBlock) {
      const end = line.indexOf('*/');
      if (end < 0) continue;
      inBlock = false;
      line = line.slice(end + 2).trim();
    }
    if (line.startsWith('/*')) {
      const end = line.indexOf('*/', 2);
      if (end < 0) {
        inBlock = true;
        continue;
      }
      line = line.slice(end + 2).trim();
    }
    if (line === '' || line.startsWith('//') || line.startsWith('#')) continue;
    // Jsonnet is an expression language: a real file has an object, an import or a local binding.
    return /[{[(]|\bimport(str)?\b|\blocal\b|\bstd\./.test(text) ? i + 1 : undefined;
  }
  return undefined;
}
