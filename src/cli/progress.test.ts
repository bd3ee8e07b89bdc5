import { describe, expect, it } from 'vitest';
import { Progress, SHOW_AFTER_MS } from './progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, columns: 40, write: (text: string) => writes.push(text) }, writes };
}

describe('Progress', () => {
  it('shows nothing during the first second, then one redrawn line, and clears it when done', () => {
    let now = 0;
    const { stream, writes } = fakeStream(true);
    const progress = new Progress(stream, true, () => now);
    progress.update('scanned 0/200 repositories');
    expect(writes).toEqual([]);
    now = SHOW_AFTER_MS + 1;
    progress.update('scanned 5/200 repositories · 2500 files read · repo-005');
    expect(writes).toHaveLength(1);
    expect(writes[0]!.startsWith('\r\u001b[2Kscanned 5/200 repositories')).toBe(true);
    expect(writes[0]!.length).toBeLessThanOrEqual(40 + 5); // cut to the terminal width
    progress.update('too soon to redraw');
    expect(writes).toHaveLength(1);
    now += 200;
    progress.update('scanned 6/200 repositories');
    expect(writes).toHaveLength(2);
    progress.done();
    expect(writes[2]).toBe('\r\u001b[2K');
  });

  it('draws an urgent line at once, even in the first second or right after another', () => {
    const now = 0;
    const { stream, writes } = fakeStream(true);
    const progress = new Progress(stream, true, () => now);
    progress.update('listing the repositories of acme');
    progress.update('GitHub primary rate limit reached: waiting 60s', true);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.startsWith('\r\u001b[2KGitHub primary rate limit reached')).toBe(true);
  });

  it('writes nothing on a pipe', () => {
    let now = 0;
    const { stream, writes } = fakeStream(false);
    const progress = new Progress(stream, true, () => now);
    now = 5000;
    progress.update('scanned 1/2 repositories');
    progress.done();
    expect(writes).toEqual([]);
  });

  it('writes nothing with --quiet, even on a terminal', () => {
    let now = 0;
    const { stream, writes } = fakeStream(true);
    const progress = new Progress(stream, false, () => now);
    now = 5000;
    progress.update('scanned 1/2 repositories');
    progress.done();
    expect(writes).toEqual([]);
  });
});
