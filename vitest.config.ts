import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // One temporary folder per run, removed at its end (test/global-tmp.ts).
    // The store's tests also run on PostgreSQL: a throwaway server unless .ci/run started one.
    globalSetup: ['test/global-tmp.ts', 'test/store/postgres-global.ts'],
  },
});
