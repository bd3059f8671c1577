// Issue #14 "Done means" 3: every kind of Welsh page of the example site in real Chromium has zero
// axe-core violations (WCAG 2.2 A and AA rules), as the English pages do (theme-accessibility.test.ts);
// the Nu Html Checker covers every page of both languages in tests/validate/html-validity.test.ts.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, runAxe as axe } from '../support/browser.js';
import { buildExample } from '../support/example-build.js';
import { serveStatic } from '../support/serve-static.js';
import { repoRoot } from '../support/site-folder.js';

const PAGES: Record<string, string> = {
  home: '/cy/',
  post: '/cy/2025/01/blwyddyn-o-wrando/',
  'post with lead image': '/cy/2026/02/canolfannau-teulu-ar-agor/',
  'post in Welsh only': '/cy/2026/03/gwasanaethau-yn-gymraeg/',
  page: '/cy/amdanom/',
  'accessibility statement': '/cy/hygyrchedd/',
  tag: '/cy/tag/gwasanaethau-plant/',
  tags: '/cy/tags/',
  author: '/cy/author/helen/',
  year: '/cy/2025/',
  month: '/cy/2025/01/',
  events: '/cy/events/',
  event: '/cy/events/cynhadledd-arweinyddiaeth-ranbarthol/',
  'not found': '/cy/404.html',
  search: '/cy/search/',
  'English post in English only (switcher note in Welsh)': '/2025/02/inspection-what-we-learned/',
};

const artifacts = path.join(repoRoot, 'tests', '.artifacts');

let browser: Browser;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  if (!browserAvailable) return;
  const result = await buildExample();
  server = await serveStatic(result.outDir);
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.skipIf(!browserAvailable)('the Welsh pages in Chromium', () => {
  it.each(Object.entries(PAGES))('%s has no axe violations (WCAG 2.2 AA)', async (_name, url) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const response = await page.goto(`${server.url}${url}`);
    expect(response?.status(), url).toBe(200);
    const violations = await axe(page);
    await page.close();
    expect(violations.map((violation) => `${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it.each(Object.entries(PAGES))('%s does not scroll sideways at 320 px wide (Welsh words run longer)', async (name, url) => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(`${server.url}${url}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    await fs.mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, `welsh-${name.replace(/\W+/g, '-')}-320.png`) });
    await page.close();
    expect(width, url).toBeLessThanOrEqual(320);
  });

  it('reads the skip link and the switcher in the page’s and the target’s language', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/cy/2025/01/blwyddyn-o-wrando/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Neidio i’r prif gynnwys');
    const switcher = page.locator('nav a[hreflang]');
    expect(await switcher.textContent()).toBe('English');
    expect(await switcher.getAttribute('lang')).toBe('en-GB');
    // Next in the tab order after the skip link, before the header; Enter follows it.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('hreflang'))).toBe('en-GB');
    await Promise.all([page.waitForURL('**/2025/01/a-year-of-listening/'), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe('/2025/01/a-year-of-listening/');
    await page.close();
  });
});
