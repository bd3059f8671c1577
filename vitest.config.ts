import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // global-temp first: its TMPDIR is set before anything else runs, and it is torn down last.
    globalSetup: ['tests/support/global-temp.ts', 'tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
