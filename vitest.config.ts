import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // One temporary folder per run, removed at its end (test/global-tmp.ts).
    globalSetup: ['test/global-tmp.ts'],
  },
});
