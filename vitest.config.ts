import { defineConfig } from 'vitest/config';

/**
 * Two test projects. `fast` (`npm test`) is what a contributor runs after each change; `slow`
 * holds the files that start a browser (Chromium), the Nu Html Checker (Java), `npm pack`
 * installs, killed processes, or build large sites and long random series. `npm run test:all`
 * and CI (`.ci/run`) run both. A file is slow for what it starts or how long it takes, not for
 * what it tests: the slow project is not optional, it is run less often.
 */
export const SLOW = [
  // Chromium (tests/support/browser.ts)
  'tests/browser/**/*.test.ts',
  'tests/check/check-browser.test.ts',
  'tests/dev/dev-browser.test.ts',
  'tests/dev/dev-search.test.ts',
  'tests/render/theme-screenshots.test.ts',
  // The Nu Html Checker (tests/support/vnu.ts)
  'tests/images/images-vnu.test.ts',
  'tests/import/convert-post-html-validity.test.ts',
  'tests/import/import-html-validity.test.ts',
  'tests/render/post-comments.test.ts',
  'tests/validate/html-validity.test.ts',
  // npm pack and an install from the tarball
  'tests/package/packed-install.test.ts',
  // Builds killed part-way, mount points
  'tests/output/kill-build.test.ts',
  'tests/output/mount-point.test.ts',
  'tests/search/search-temp-folder.test.ts',
  'tests/import/import-commit-safety.test.ts',
  // Large sites and long random series; files that build a site per case (minutes each: candidates for splitting)
  'tests/build/scale-identical.test.ts',
  'tests/reliability/bad-input.test.ts',
  'tests/render/page-cache.test.ts',
  'tests/pipeline/incremental-parity.test.ts',
  'tests/fuzz/**/*.test.ts',
];

export default defineConfig({
  test: {
    // global-temp first: its TMPDIR is set before anything else runs, and it is torn down last.
    globalSetup: ['tests/support/global-temp.ts', 'tests/global-setup.ts'],
    // Limits for a hung test, not speed targets: a loaded machine (CI runners, other jobs) may take
    // several times as long as a quiet one, and that must not fail a test.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'fast', include: ['tests/**/*.test.ts'], exclude: SLOW } },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
});
