import type { ScanWarning } from '../../core/types.js';

/** What a listing gives: the repository's files and what the listing saw (listing types apart from list-files.ts, which the stored listing and git's output parser both use). */
export interface RepoFile {
  /** Relative to the repository root, forward slashes. */
  path: string;
  size: number;
  /**
   * For a symlink to a regular file inside the tree: that file, relative to the root (all links
   * resolved). It is what is read: files are opened without following links, so that a link
   * swapped in after the listing can never lead out of the tree.
   */
  target?: string;
}

export interface ListResult {
  files: RepoFile[];
  warnings: ScanWarning[];
  /** 'git' when the list came from `git ls-files`. */
  lister: 'git' | 'walk';
  /**
   * A hash of everything the listing saw: each file's path and content identity (its git blob id
   * when the work-tree file still matches the index, else its size and modification time) and the
   * listing's warnings. Equal keys mean the files are the same, so a scan's result can be reused.
   */
  contentKey: string;
  /**
   * The commit HEAD was at when the listing was checked against a stored one (read from `.git`'s
   * files, sources/git/read-head.ts): `scan --save` records it, so the main thread need not read
   * every HEAD again. Absent when not read or not plain. Never kept in a stored listing: HEAD's
   * branch can move while everything the listing looks at stays the same.
   */
  commit?: string;
}
