// A migrated site in real Chromium on a plain static host (no server rules): old query addresses
// and old paths land on the new pages, and the comments and pinned post pass axe (WCAG 2.2 AA).
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { writeSite } from '../content/temp-site.js';
import { browserAvailable, launchBrowser, runAxe } from '../support/browser.js';
import { serveStatic, type StaticServer } from '../support/serve-static.js';

const POST = `---
title: A year on
date: 2019-05-12 09:30
summary: A look back.
sticky: true
redirects: [/?p=123, /archives/123/]
comments:
  - name: Sam Reader
    date: 2019-05-13T08:00:00Z
    url: https://sam.example
    text: |
      First paragraph.

      Second paragraph.
  - name: Jo
    date: 2019-05-14 10:15
    text: Short note.
---
Body.
`;

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  if (!browserAvailable) return;
  const root = await writeSite({
    'sectorpress.config.json': JSON.stringify({ title: 'Migrated', url: 'https://www.example.gov.uk/blog' }),
    'posts/2019-05-12-a-year-on.md': POST,
    'posts/2020-01-01-newer.md': '---\ntitle: Newer\nsummary: s\n---\nNewer.\n',
  });
  const outDir = path.join(root, '_site');
  await build({ root, outDir, now: '2026-01-01T00:00:00Z', cache: false, workers: 0 });
  server = await serveStatic(outDir, '/blog/');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function axeViolations(page: Page): Promise<string[]> {
  return (await runAxe(page)).map((violation) => `${violation.id} (${violation.nodes.length})`);
}

describe.skipIf(!browserAvailable)('a migrated site on a plain static host', () => {
  it('sends /blog/?p=123 and /blog/archives/123/ to the post', async () => {
    const page = await browser.newPage();
    for (const old of ['/blog/?p=123', '/blog/archives/123/']) {
      await page.goto(`${server.url}${old}`);
      await page.waitForURL(`${server.url}/blog/2019/05/a-year-on/`);
      expect(await page.locator('h1').textContent(), old).toBe('A year on');
    }
    // Any other query leaves the home page alone.
    await page.goto(`${server.url}/blog/?p=999`);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/blog/?p=999');
    await page.close();
  });

  it('has no axe violations on the post with comments and the home page with a pinned post', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/blog/2019/05/a-year-on/`);
    expect(await page.getByRole('heading', { name: '2 comments' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${server.url}/blog/`);
    expect(await page.locator('.card').first().textContent()).toContain('Pinned');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
