// The dev server serves a current search index: after a post's text is edited, searching the
// new word on the search page (in Chromium, against the real dev server) lists that post. The
// index of an edit is built in the background (the edit's own reload does not wait for it), so
// the page is searched until the new index is in.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevServer, type DevServer } from '../../src/dev/create-dev-server.js';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { connectSse, type SseClient } from '../support/sse-client.js';
import { copyFixture } from '../support/site-folder.js';

let site: string;
let server: DevServer;
let browser: Browser;
let events: SseClient;

beforeAll(async () => {
  if (!browserAvailable) return;
  site = await copyFixture('blog-basic');
  server = await createDevServer({ root: site, port: 0, now: '2024-11-15T12:00:00Z', log: () => undefined });
  events = await connectSse(`${server.url}__sectorpress/events`);
  browser = await launchBrowser();
});

afterAll(async () => {
  events?.close();
  await browser?.close();
  await server?.close();
});

/** The titles the search page lists for `query`, once it has announced its count. */
async function search(page: Page, query: string): Promise<{ status: string; titles: string[] }> {
  await page.goto(`${server.url}search/?q=${encodeURIComponent(query)}`);
  const status = page.locator('[data-search-status]');
  await status.filter({ hasText: query }).waitFor();
  return { status: (await status.textContent()) ?? '', titles: await page.locator('.search-result a').allTextContents() };
}

describe.skipIf(!browserAvailable)('search on the dev server', () => {
  it('finds a word added to a post after the server started', async () => {
    const page = await browser.newPage();
    const before = await search(page, 'zeppelins');
    expect(before.titles).toEqual([]);
    expect(before.status).toContain('No results');
    const reload = events.next('reload');
    const post = path.join(site, 'posts', 'bst-start.md');
    await fs.writeFile(post, `${await fs.readFile(post, 'utf8')}\nA paragraph about zeppelins over the town hall.\n`);
    await reload;
    // The live reload that follows the background index may cut a navigation short: try again.
    const attempt = (): Promise<{ status: string; titles: string[] }> => search(page, 'zeppelins').catch(() => ({ status: '', titles: [] }));
    let after = await attempt();
    for (let tries = 0; tries < 40 && after.titles.length === 0; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      after = await attempt();
    }
    expect(after.titles).toEqual(['Clocks go forward']);
    await page.close();
  });
});
