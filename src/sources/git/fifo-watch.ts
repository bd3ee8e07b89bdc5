import { readFileSync } from 'node:fs';

/**
 * Whether process `pid` is asleep opening a FIFO that nobody writes to — git opening a `.gitignore`
 * FIFO deep in a hand-made folder, which no check made beforehand can find without walking the
 * whole tree. Linux says so in /proc: the process sleeps (state S) in the kernel's
 * `wait_for_partner`, or, where wchan is hidden, inside an open system call. A state, not a
 * duration: a busy or slow machine never looks like this, since a regular file's open does not
 * sleep interruptibly. Elsewhere (no /proc) it answers false and git's own timeout remains.
 */
export function waitsOnFifo(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state !== 'S') return false;
    const wchan = readFileSync(`/proc/${pid}/wchan`, 'utf8').trim();
    if (wchan === 'wait_for_partner' || wchan === 'fifo_open') return true;
    if (wchan !== '' && wchan !== '0') return false;
    const syscall = Number(readFileSync(`/proc/${pid}/syscall`, 'utf8').split(' ')[0]);
    return OPEN_SYSCALLS[process.arch]?.includes(syscall) ?? false;
  } catch {
    return false;
  }
}

/** open, openat and openat2 by architecture (arm64 has no plain open). */
const OPEN_SYSCALLS: Partial<Record<NodeJS.Architecture, number[]>> = {
  x64: [2, 257, 437],
  arm64: [56, 437],
};
