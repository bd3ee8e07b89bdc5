/** Command text made safe for evidence, shared by every detector that quotes a command it saw. */
import { shorten } from './component.js';

/**
 * `shorten()` plus what it misses: `-p secret` (docker login), `-u user:pass` (curl), and
 * credentials inside URLs (`https://user:pass@host`). Evidence must never carry a secret.
 */
export function redact(text: string): string {
  const cleaned = text
    .replace(/(\s-p\s*)(?!-)\S+/g, '$1***')
    .replace(/(\s(?:-u|--user)[\s=])\S+:\S+/g, '$1***')
    .replace(/(\w+:\/\/)[^/\s:@]+:[^/\s@]+@/g, '$1***@');
  return shorten(cleaned);
}
