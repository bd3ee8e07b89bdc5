import { gitConfinement } from './confine.js';

/**
 * Why git must not be started in `root`, if there is a reason: a file git would open first is a
 * FIFO or a device (git would wait until killed, a minute per call), a link or an include leads out
 * of the repository, or `.git` leads to another repository. Checked without starting git, for the
 * `.git` that git itself would find (root's, or the nearest parent's); see confine.ts.
 */
export function gitWouldBlock(root: string): string | undefined {
  return gitConfinement(root).refused;
}
