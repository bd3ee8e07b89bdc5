import { describe, expect, it } from 'vitest';
import { whileSqliteBusy } from '../../src/store/open.js';

function busy(code: string): Error {
  return Object.assign(new Error('database is locked'), { code });
}

describe('a SQLite step met by an immediate SQLITE_BUSY', () => {
  it('is tried again, whole, until it succeeds', async () => {
    let tries = 0;
    const result = await whileSqliteBusy(async () => {
      tries += 1;
      if (tries < 3) throw busy(tries === 1 ? 'SQLITE_BUSY' : 'SQLITE_BUSY_RECOVERY');
      return 'recorded';
    });
    expect([result, tries]).toEqual(['recorded', 3]);
  });

  it('gives up once the busy timeout is spent, with the driver error', async () => {
    let tries = 0;
    const deadline = Date.now() + 30;
    await expect(
      whileSqliteBusy(async () => {
        tries += 1;
        throw busy('SQLITE_BUSY');
      }, deadline),
    ).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    expect(tries).toBeGreaterThanOrEqual(1);
  });

  it('never retries another error (a constraint, a full disk)', async () => {
    let tries = 0;
    await expect(
      whileSqliteBusy(async () => {
        tries += 1;
        throw Object.assign(new Error('FOREIGN KEY constraint failed'), { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
      }),
    ).rejects.toThrow('FOREIGN KEY');
    expect(tries).toBe(1);
  });
});
