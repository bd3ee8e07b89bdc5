/** Which listed paths a scan reads: none under vendored folders, none that leads out of the tree. */

/**
 * Folders that hold someone else's code. Detections there would describe the vendor, not the team.
 * Checked on every path segment, so `services/web/node_modules/x` is skipped too.
 */
export const VENDORED_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  'bower_components',
  'vendor',
  '.terraform',
  '.terragrunt-cache',
  '.venv',
  'venv',
  'site-packages',
  '__pycache__',
  '.git',
  '.hg',
  '.svn',
]);

/** The same names as one pattern: called for every listed path, and a split allocates an array per path. */
const VENDORED_SEGMENT = new RegExp(`(?:^|/)(?:${[...VENDORED_DIRS].map((d) => d.replace(/\./g, '\\.')).join('|')})(?:/|$)`);

export function isVendoredPath(path: string): boolean {
  return VENDORED_SEGMENT.test(path);
}

/**
 * A path as git itself stores one: relative, no `.` or `..` segment, no empty one. git checks this
 * when files are added, not when it reads an index, and an index is just a file in the scanned
 * folder: a crafted one can list `../../elsewhere`, which must never be read.
 */
export function isPlainRelativePath(path: string): boolean {
  return PLAIN_RELATIVE.test(path);
}

const PLAIN_RELATIVE = /^(?!\/)(?!.*(?:^|\/)\.{1,2}(?:\/|$))(?!.*\/\/)[^\0]+$/;
