import { lstatSync, type Stats } from 'node:fs';

/** A stat identity: a rewrite changes mtime and ctime (ctime cannot be set back), a replacement the inode. */
export type Identity = [size: number, mtimeMs: number, ctimeMs: number, ino: number];

export const identityOf = (stats: Stats): Identity => [stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino];

export const sameIdentity = (a: Identity | null | undefined, b: Identity | null): boolean =>
  (a ?? null) === null ? b === null : b !== null && a![0] === b[0] && a![1] === b[1] && a![2] === b[2] && a![3] === b[3];

/** The identity of whatever is at `path` (never followed if a symlink), or null when nothing is. */
export function identityAt(path: string): Identity | null {
  try {
    return identityOf(lstatSync(path));
  } catch {
    return null;
  }
}

/** Identities this close to the time of listing could still change within the same clock tick: a listing with one is not kept. */
export const RACY_MS = 2_000;

export const isRacy = (identity: Identity | null, takenAt: number): boolean => identity !== null && (identity[1] >= takenAt - RACY_MS || identity[2] >= takenAt - RACY_MS);
