import { execFileSync } from 'node:child_process';
import { gitArgsFor, gitEnvFor } from './safe-git.js';
import type { TreeFile } from './tree-at.js';

const HASH = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const REGULAR = new Set(['100644', '100755']);

/** What changed from one tree to the next, as paths. */
export interface TreeDelta {
  /** Paths in both trees whose blob differs. */
  changed: string[];
  added: string[];
  removed: string[];
}

/**
 * The listing of `tree`, from the listing of `previous` and what `git diff-tree` says changed
 * between them: a timeline's next point usually differs by a few files, and `git ls-tree -r -l`
 * of a 10,000-file tree (every blob's size looked up) cost more than the point's other git work.
 * Regular files only, in git's order (byte order of the paths), as listTree gives them; files that
 * did not change keep their TreeFile object; `fresh` are the changed and added ones. Undefined when the difference is too large to pay
 * (more than a quarter of the files), or more than `maxFiles` would be listed: list it whole then.
 */
export function applyTreeDiff(
  root: string,
  previousTree: string,
  previous: readonly TreeFile[],
  tree: string,
  maxFiles: number,
  known?: TreeChanges,
): { files: TreeFile[]; delta: TreeDelta; fresh: TreeFile[] } | undefined {
  const key = pairKey(previousTree, tree);
  const found = known?.pairs.has(key) ? known : treeChanges(root, [[previousTree, tree]], previous.length / 4 + 64);
  const changes = found.pairs.get(key);
  if (changes === undefined || changes.size > previous.length / 4 + 64) return undefined;
  const now = new Map(changes);
  const sizes = found.sizes;
  const delta: TreeDelta = { changed: [], added: [], removed: [] };
  const files: TreeFile[] = [];
  const fresh: TreeFile[] = [];
  for (const file of previous) {
    if (!now.has(file.path)) {
      files.push(file);
      continue;
    }
    const blob = now.get(file.path);
    now.delete(file.path);
    if (blob === undefined) delta.removed.push(file.path);
    else {
      delta.changed.push(file.path);
      const changed = { path: file.path, size: sizes.get(blob) ?? 0, blob };
      files.push(changed);
      fresh.push(changed);
    }
  }
  // What is left is new: each in its place by byte order, as git lists a tree.
  const added: TreeFile[] = [];
  for (const [path, blob] of now) if (blob !== undefined) added.push({ path, size: sizes.get(blob) ?? 0, blob });
  if (files.length + added.length > maxFiles) return undefined;
  for (const file of added.sort((a, b) => byteOrder(a.path, b.path))) {
    files.splice(insertionPoint(files, file.path), 0, file);
    delta.added.push(file.path);
    fresh.push(file);
  }
  return { files, delta, fresh };
}

/** What changed between pairs of trees (path → new blob, undefined when it is no regular file any more), and the new blobs' sizes. */
export interface TreeChanges {
  pairs: Map<string, Map<string, string | undefined>>;
  sizes: Map<string, number>;
}

const pairKey = (from: string, to: string): string => `${from} ${to}`;

/**
 * The changes between each pair of trees, in two git processes whatever the number of pairs
 * (`git diff-tree --stdin`, then `git cat-file --batch-check` for the sizes): a timeline asks for
 * the changes from each point to the next, and under load each process started costs more than
 * the diff. A pair with more than `maxChanges` changes is left out (listed whole instead).
 */
export function treeChanges(root: string, pairs: readonly (readonly [string, string])[], maxChanges: number): TreeChanges {
  for (const [from, to] of pairs) if (!HASH.test(from) || !HASH.test(to)) throw new Error(`not a tree id: ${from} ${to}`);
  const args = ['--no-replace-objects', 'diff-tree', '-r', '-z', '--no-renames', '--no-ext-diff', '--no-textconv', '--stdin'];
  const out = execFileSync('git', gitArgsFor(args, root), {
    cwd: root,
    env: gitEnvFor(),
    input: pairs.map(([from, to]) => `${pairKey(from, to)}\n`).join(''),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: 120_000,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  // Per pair: "<from> <to>\n", then ":<old mode> <new mode> <old id> <new id> <status>\0<path>\0" per change.
  const result: TreeChanges = { pairs: new Map(), sizes: new Map() };
  let current: Map<string, string | undefined> | undefined;
  const fields = out.split('\0');
  for (let i = 0; i < fields.length; i++) {
    let field = fields[i]!;
    // Each pair's line ("<from> <to>\n") comes before its first change, in the same field.
    for (let header = HEADER.exec(field); header !== null; header = HEADER.exec(field)) {
      result.pairs.set(header[1]!, (current = new Map()));
      field = field.slice(header[0].length);
    }
    if (!field.startsWith(':') || current === undefined) continue;
    const [, newMode, , blob] = field.slice(1).split(' ');
    const path = fields[++i] ?? '';
    if (path === '' || blob === undefined || newMode === undefined) continue;
    current.set(path, REGULAR.has(newMode) && HASH.test(blob) && !/^0+$/.test(blob) ? blob : undefined);
  }
  for (const [key, changes] of result.pairs) if (changes.size > maxChanges) result.pairs.delete(key);
  // A pair git said nothing about is two equal trees.
  for (const [from, to] of pairs) if (!result.pairs.has(pairKey(from, to)) && from === to) result.pairs.set(pairKey(from, to), new Map());
  const blobs = new Set<string>();
  for (const changes of result.pairs.values()) for (const blob of changes.values()) if (blob !== undefined) blobs.add(blob);
  result.sizes = blobSizes(root, [...blobs]);
  return result;
}

const HEADER = /^\n*([0-9a-f]{40}(?:[0-9a-f]{24})? [0-9a-f]{40}(?:[0-9a-f]{24})?)\n/;

/** Sizes of blobs, from one `git cat-file --batch-check`. */
function blobSizes(root: string, blobs: readonly string[]): Map<string, number> {
  const sizes = new Map<string, number>();
  if (blobs.length === 0) return sizes;
  const out = execFileSync('git', gitArgsFor(['--no-replace-objects', 'cat-file', '--batch-check'], root), {
    cwd: root,
    env: gitEnvFor(),
    input: `${blobs.join('\n')}\n`,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  for (const line of out.split('\n')) {
    const [id, type, size] = line.split(' ');
    if (id !== undefined && type === 'blob' && size !== undefined) sizes.set(id, Number(size) || 0);
  }
  return sizes;
}

function insertionPoint(files: readonly TreeFile[], path: string): number {
  let low = 0;
  let high = files.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (byteOrder(files[middle]!.path, path) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Paths compared as git compares them: by the bytes of their UTF-8 form. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
