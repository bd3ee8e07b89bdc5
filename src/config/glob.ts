import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * A small glob matcher: `*` (any characters but `/`), `?` (one character but `/`), `**` (any number
 * of folders), `[abc]` character classes. No dependency, no brace expansion.
 */

export function hasGlob(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

/** A regular expression for a path glob (segments separated by `/`). */
export function pathGlobToRegExp(pattern: string): RegExp {
  let out = '';
  const segments = pattern.split('/');
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') {
      // `a/**/b` matches a/b, a/x/b, a/x/y/b; a trailing `**` matches everything below.
      out += last ? '.*' : '(?:[^/]+/)*';
      return;
    }
    out += segmentToRegExp(segment) + (last ? '' : '/');
  });
  return new RegExp(`^${out}$`);
}

/** A regular expression for a pattern over plain words (emails, names, namespaces): `*` matches anything. */
export function wordGlobToRegExp(pattern: string, flags = 'i'): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => segmentToRegExp(part)).join('.*')}$`, flags);
}

function segmentToRegExp(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i]!;
    if (char === '*') out += '[^/]*';
    else if (char === '?') out += '[^/]';
    else if (char === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end === -1) {
        out += '\\[';
        continue;
      }
      const body = segment.slice(i + 1, end).replace(/\\/g, '\\\\');
      out += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
      i = end;
    } else out += char.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return out;
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
    const matcher = new RegExp(`^${segmentToRegExp(segment)}$`);
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
