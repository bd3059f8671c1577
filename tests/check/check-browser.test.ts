// `check --browser` runs axe in real Chromium on one page of each page type of the example.
// Locally a missing Chromium skips this loudly; in CI (CI=true) it fails (tests/support/browser.ts).
import { describe, expect, it } from 'vitest';
import { pickPageTypes } from '../../src/check/check-browser.js';
import { browserAvailable } from '../support/browser.js';
import { copyExample, EXAMPLE_NOW } from '../support/example-build.js';
import { build } from '../../src/build.js';
import { runCliCaptured } from '../support/run-cli.js';

describe('picking one page of each type', () => {
  it('takes the first page of each kind by the default URL patterns', () => {
    const picked = pickPageTypes([
      'about/index.html',
      '2025/06/index.html',
      '2025/index.html',
      '2025/06/send-update/index.html',
      'tag/a/index.html',
      'tag/a/page/2/index.html',
      'index.html',
      '404.html',
      'events/x/index.html',
      'events/index.html',
      'search/index.html',
    ]);
    expect(Object.fromEntries(picked)).toEqual({
      '404': '404.html',
      archive: '2025/06/index.html',
      post: '2025/06/send-update/index.html',
      page: 'about/index.html',
      event: 'events/x/index.html',
      events: 'events/index.html',
      home: 'index.html',
      search: 'search/index.html',
      tag: 'tag/a/index.html',
    });
  });
});

describe.skipIf(!browserAvailable)('sectorpress check --browser', () => {
  it('runs axe on every page type of the example and finds nothing', async () => {
    const root = await copyExample();
    await build({ root, now: EXAMPLE_NOW, cache: false });
    const run = await runCliCaptured(['check', root, '--browser']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // One page of each type: home, post, page, tag, tags, author, archive, events, event, 404, search.
    expect(run.stdout).toMatch(/, 11 pages in Chromium in [\d.]+ s: no problems\./);
  }, 300_000);

  it('says clearly when Chromium is missing', async () => {
    const { checkSite } = await import('../../src/check/check-site.js');
    const root = await copyExample();
    const built = await build({ root, now: EXAMPLE_NOW, cache: false });
    const report = await checkSite({ outDir: built.outDir, siteUrl: 'https://blog.example.org', browser: true, chromiumPath: '/nowhere/chromium' });
    expect(report.problems).toEqual([expect.objectContaining({ code: 'check/browser-missing', message: 'Chromium was not found at /nowhere/chromium, so --browser could not run.' })]);
  });
});
