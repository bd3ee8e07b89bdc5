import { isRecord } from './k8s-objects.js';

/**
 * SOPS's own metadata block: always a `mac` (ENC[...] once encrypted) with `lastmodified` or
 * `version`. A key merely named `sops` (a values flag, a tool's settings) has neither.
 * Shared so static-secrets recognises SOPS-encrypted Secrets exactly as the sops detector does.
 */
export function isSopsMetadata(value: unknown): boolean {
  if (!isRecord(value)) return false;
  return typeof value.mac === 'string' && ('lastmodified' in value || 'version' in value);
}
