import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import type { ScanWarning } from '../core/types.js';

interface Planned {
  /** As shown in reports. */
  path: string;
  /** Where it is on disk. */
  root: string;
}

/**
 * Each repository assessed once. The same folder given twice (`./api` and `api/`, a symlink to it,
 * the same git URL) is kept at its first mention. A folder inside another given folder of the same
 * repository is already read with it (its files, its detections): assessing it again would count
 * its services and findings twice, so it is left out with one warning that says why. A folder with
 * a `.git` of its own (a nested clone or a submodule) is a repository of its own and stays: the
 * outer repository's git listing does not include its files.
 */
export function distinctRepositories<T extends Planned>(planned: readonly T[], warnings: ScanWarning[]): T[] {
  const real = planned.map((p) => realOf(p.root));
  const kept: T[] = [];
  for (const [index, repository] of planned.entries()) {
    const own = real[index]!;
    const first = real.indexOf(own);
    if (first !== index) {
      // Said once: nothing more when the first mention was itself left out (and warned about).
      if (kept.includes(planned[first]!)) warnings.push({ file: repository.path, message: `the same repository as ${planned[first]!.path}, given twice: assessed once` });
      continue;
    }
    // The outermost given folder that covers it, kept or not yet seen: it is read whole either way.
    let outer: number | undefined;
    for (const [other, path] of real.entries()) {
      if (path !== own && covers(path, own) && (outer === undefined || path.length < real[outer]!.length)) outer = other;
    }
    if (outer !== undefined) {
      const name = planned[outer]!.path;
      warnings.push({ file: repository.path, message: `inside ${name}, which is assessed whole (this folder included): left out so that nothing is counted twice; to assess it on its own, scan it without ${name}` });
      continue;
    }
    kept.push(repository);
  }
  return kept;
}

function realOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** `inner` lies under `outer` with no repository boundary (a `.git`) in between. */
function covers(outer: string, inner: string): boolean {
  const rel = relative(outer, inner);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
  for (let folder = inner; folder !== outer && folder !== dirname(folder); folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) return false;
  }
  return true;
}
