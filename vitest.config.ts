import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Hang guards, never speed limits: a loaded 2-core machine runs a beforeAll that scans twice in
    // tens of seconds (vitest's 10 s default for hooks failed there).
    testTimeout: 30_000,
    hookTimeout: 180_000,
    teardownTimeout: 120_000,
    pool: 'forks',
    // One temporary folder per run, removed at its end (test/global-tmp.ts).
    // The store's tests also run on PostgreSQL: a throwaway server unless .ci/run started one.
    globalSetup: ['test/global-tmp.ts', 'test/store/postgres-global.ts'],
  },
});
