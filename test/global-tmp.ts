import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every test run gets its own temporary folder (TMPDIR, which os.tmpdir() and git honour), removed
 * when the run ends: the hostile tests alone create hundreds of thousands of files (200,000 empty
 * ones for the file limit), and left behind they fill a machine's inodes after a few runs.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'k8sm-test-run-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
