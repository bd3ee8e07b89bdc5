import { basename } from 'node:path';
import { pathGlobToRegExp } from '../config/index.js';

/** Does a configured repository name, path or glob match this repository path? */
export function matchesRepository(path: string, pattern: string): boolean {
  const clean = (p: string) => p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  const target = clean(path);
  const wanted = clean(pattern);
  if (target === wanted || basename(target) === wanted) return true;
  if (!/[*?[]/.test(wanted)) return false;
  const regex = pathGlobToRegExp(wanted);
  return regex.test(target) || regex.test(basename(target));
}
