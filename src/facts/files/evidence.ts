/**
 * De-duplicating evidence. Several rules of one detector often see the same line (a CI step that
 * both uses an action and runs its command), and reports want one place once. Each detector team
 * had written its own copy; these are the one place for it.
 */
import type { FileEvidence } from '../../core/types.js';
import { TEMPLATE_PLACEHOLDER } from '../../parse/helm-template.js';

/** Keeps the first evidence of each file:line, in order. */
export function uniquePlaces<T extends { file: string; line: number }>(evidence: T[]): T[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.file}:${e.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** uniquePlaces, with templated names reading `{{…}}` rather than the parser's placeholder. */
export function uniqueEvidence(evidence: FileEvidence[]): FileEvidence[] {
  return uniquePlaces(evidence).map((e) => (e.detail === undefined ? e : { ...e, detail: e.detail.replaceAll(TEMPLATE_PLACEHOLDER, '{{…}}') }));
}

/** The first evidence (by line) of each file, in file order: one place per file keeps reports short. */
export function firstPerFile(evidence: FileEvidence[]): FileEvidence[] {
  const byFile = new Map<string, FileEvidence>();
  for (const item of evidence) {
    const kept = byFile.get(item.file);
    if (!kept || item.line < kept.line) byFile.set(item.file, item);
  }
  return [...byFile.values()];
}
