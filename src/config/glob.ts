import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * Glob patterns from configurations: `*` (any characters but `/`), `?` (one character but `/`),
 * `**` (any number of folders), `[abc]` / `[!a-z]` character classes; no brace expansion. Member,
 * namespace and repository patterns come from files we may not trust (a configuration shipped in
 * a scanned repository), so they are matched by simulating the pattern as a small automaton: one
 * pass over the text, keeping the set of pattern positions still alive, which takes time
 * proportional to text length × pattern length whatever both contain. A regular expression (ours
 * before, or picomatch's) backtracks: `*a*a*…*a*b` against a long email took minutes. Issue #17
 * suggested picomatch; its regexes have the same backtracking, hence this small matcher.
 */

type Token =
  | { kind: 'char'; char: string }
  | { kind: 'one' }
  | { kind: 'class'; negate: boolean; ranges: [string, string][] }
  /** `*`: any run of characters, but `/` in paths. */
  | { kind: 'star' }
  /** A `**` segment before others: any number of whole folders (`(?:[^/]+/)*`). */
  | { kind: 'folders' }
  /** A trailing `**`: anything. */
  | { kind: 'rest' };

/** A compiled pattern: `test(text)` answers in O(text × pattern) steps. */
export interface GlobMatcher {
  test(text: string): boolean;
  /** test(), also counting the automaton states visited: what the linear-time tests measure. */
  steps(text: string): { matched: boolean; steps: number };
}

export function hasGlob(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

/** A matcher for a path glob (segments separated by `/`): `a/**\/b` matches a/b, a/x/b, a/x/y/b. */
export function pathGlobMatcher(pattern: string): GlobMatcher {
  const tokens: Token[] = [];
  const segments = pattern.split('/');
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') {
      tokens.push({ kind: last ? 'rest' : 'folders' });
      return;
    }
    tokens.push(...segmentTokens(segment));
    if (!last) tokens.push({ kind: 'char', char: '/' });
  });
  return compile(tokens, { path: true, caseInsensitive: false });
}

/** A matcher for one path segment (a folder name). */
export function segmentMatcher(segment: string): GlobMatcher {
  return compile(segmentTokens(segment), { path: true, caseInsensitive: false });
}

/** A matcher over plain words (emails, names, namespaces): `*` matches anything; case-insensitive unless told. */
export function wordGlobMatcher(pattern: string, options: { caseInsensitive?: boolean } = {}): GlobMatcher {
  return compile(segmentTokens(pattern), { path: false, caseInsensitive: options.caseInsensitive !== false });
}

function segmentTokens(segment: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i]!;
    if (char === '*') {
      // `**` inside a segment is the same as `*`; consecutive stars add nothing but work.
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (char === '?') tokens.push({ kind: 'one' });
    else if (char === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end === -1) {
        tokens.push({ kind: 'char', char });
        continue;
      }
      let body = segment.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      const ranges: [string, string][] = [];
      for (let j = 0; j < body.length; j++) {
        if (body[j + 1] === '-' && j + 2 < body.length) {
          ranges.push([body[j]!, body[j + 2]!]);
          j += 2;
        } else ranges.push([body[j]!, body[j]!]);
      }
      tokens.push({ kind: 'class', negate, ranges });
      i = end;
    } else tokens.push({ kind: 'char', char });
  }
  return tokens;
}

function compile(tokens: readonly Token[], options: { path: boolean; caseInsensitive: boolean }): GlobMatcher {
  const fold = (c: string) => (options.caseInsensitive ? c.toLowerCase() : c);
  const folded: Token[] = tokens.map((t) => (t.kind === 'char' ? { kind: 'char', char: fold(t.char) } : t));
  const n = folded.length;
  // State 2i: before token i; state 2i+1: inside a folder of a `folders` token i. State 2n accepts.
  const size = 2 * n + 2;
  const isSeparator = (c: string) => options.path && c === '/';
  const inClass = (token: Extract<Token, { kind: 'class' }>, c: string) => {
    const variants = options.caseInsensitive ? [c, c.toLowerCase(), c.toUpperCase()] : [c];
    const hit = token.ranges.some(([from, to]) => variants.some((v) => v >= from && v <= to));
    return hit !== token.negate;
  };
  const add = (states: number[], seen: Uint8Array, state: number): void => {
    // Follows the moves that read nothing: a `*` or `**` may match the empty string.
    while (!seen[state]) {
      seen[state] = 1;
      states.push(state);
      const i = state >> 1;
      if (state & 1 || i >= n) return;
      const kind = folded[i]!.kind;
      if (kind !== 'star' && kind !== 'folders' && kind !== 'rest') return;
      state = 2 * (i + 1);
    }
  };
  const run = (text: string): { matched: boolean; steps: number } => {
      let steps = 0;
      let seen = new Uint8Array(size);
      let current: number[] = [];
      add(current, seen, 0);
      for (const raw of text) {
        const c = fold(raw);
        const next: number[] = [];
        seen = new Uint8Array(size);
        for (const state of current) {
          steps++;
          const i = state >> 1;
          if (i >= n) continue;
          const token = folded[i]!;
          if (state & 1) {
            // Inside a folder of `**/`: more of its name, or the `/` that ends it.
            add(next, seen, c === '/' ? 2 * i : 2 * i + 1);
            continue;
          }
          switch (token.kind) {
            case 'char':
              if (token.char === c) add(next, seen, 2 * (i + 1));
              break;
            case 'one':
              if (!isSeparator(c)) add(next, seen, 2 * (i + 1));
              break;
            case 'class':
              if (!isSeparator(c) && inClass(token, raw)) add(next, seen, 2 * (i + 1));
              break;
            case 'star':
              if (!isSeparator(c)) add(next, seen, state);
              break;
            case 'folders':
              if (c !== '/') add(next, seen, 2 * i + 1);
              break;
            case 'rest':
              add(next, seen, state);
              break;
          }
        }
        if (next.length === 0) return { matched: false, steps };
        current = next;
      }
      return { matched: current.includes(2 * n), steps };
  };
  return { test: (text) => run(text).matched, steps: run };
}

const SKIPPED_DIRS = new Set(['node_modules', 'vendor', '.terraform', '.venv', 'venv', '__pycache__']);
const MAX_DEPTH = 8;

/**
 * The folders matching `pattern` (relative to `baseDir`, or absolute), sorted. `*` does not match
 * names starting with a dot unless the pattern segment does. A pattern with `**` keeps only git
 * work trees and does not descend into them (`org/**` means "every repository under org").
 */
export function expandDirectoryGlob(pattern: string, baseDir: string): string[] {
  const absolute = isAbsolute(pattern) ? pattern : join(baseDir, pattern);
  const normalized = absolute.split(sep).join('/');
  const segments = normalized.split('/');
  const firstGlob = segments.findIndex((s) => hasGlob(s));
  if (firstGlob === -1) return isDirectory(absolute) ? [resolve(absolute)] : [];
  const root = segments.slice(0, firstGlob).join('/') || '/';
  const rest = segments.slice(firstGlob).filter((s) => s !== '' && s !== '.');
  const repositoriesOnly = rest.includes('**');
  const results = new Set<string>();

  const visit = (dir: string, index: number, depth: number): void => {
    if (index === rest.length) {
      if (!repositoriesOnly || isRepository(dir)) results.add(dir);
      return;
    }
    const segment = rest[index]!;
    if (segment === '**') {
      visit(dir, index + 1, depth);
      if (depth >= MAX_DEPTH || (repositoriesOnly && isRepository(dir))) return;
      for (const name of subfolders(dir, false, false)) visit(join(dir, name), index, depth + 1);
      return;
    }
    if (segment === '..') {
      visit(resolve(dir, '..'), index + 1, depth);
      return;
    }
    if (!hasGlob(segment)) {
      const next = join(dir, segment);
      if (isDirectory(next)) visit(next, index + 1, depth);
      return;
    }
    const matcher = segmentMatcher(segment);
    for (const name of subfolders(dir, segment.startsWith('.'), true)) {
      if (matcher.test(name)) visit(join(dir, name), index + 1, depth + 1);
    }
  };
  visit(resolve(root), 0, 0);
  return [...results].sort();
}

function subfolders(dir: string, includeHidden: boolean, followSymlinks: boolean): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.name === '.git' || SKIPPED_DIRS.has(entry.name)) continue;
    if (entry.name.startsWith('.') && !includeHidden) continue;
    // Symlinked folders are followed only when named by a pattern segment, never by `**`.
    if (entry.isDirectory() || (followSymlinks && entry.isSymbolicLink() && isDirectory(join(dir, entry.name)))) names.push(entry.name);
  }
  return names.sort();
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isRepository(dir: string): boolean {
  try {
    statSync(join(dir, '.git'));
    return true;
  } catch {
    return false;
  }
}

/** `path` relative to `baseDir` with forward slashes, or undefined when it lies outside. */
export function relativeInside(baseDir: string, path: string): string | undefined {
  const rel = relative(resolve(baseDir), resolve(path));
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}
