import type { Evidence } from '../core/types.js';

/** One line for a piece of evidence, the same in every text format. */
export function evidenceText(e: Evidence): string {
  if ('file' in e) return `${e.repository && e.repository !== '.' ? `${e.repository}/` : ''}${e.file}:${e.line}${e.detail ? ` (${e.detail})` : ''}`;
  if ('object' in e) return `${e.cluster ? `${e.cluster}: ` : ''}${e.object}${e.detail ? ` (${e.detail})` : ''}`;
  if ('history' in e) return e.history;
  return `attested by ${e.by} on ${e.date}: ${e.attestation}${e.link ? ` (${e.link})` : ''}`;
}

export function evidenceLocation(e: Evidence): string {
  if ('file' in e) return `${e.repository && e.repository !== '.' ? `${e.repository}/` : ''}${e.file}:${e.line}`;
  if ('object' in e) return e.object;
  if ('history' in e) return 'git history';
  return 'attestation';
}
