// Every page type of the example site in real Chromium: zero axe-core violations for the
// WCAG 2.0/2.1/2.2 A and AA rules, no horizontal scroll at 320 px or at 200% zoom, a working
// skip link, content without JavaScript, and a print stylesheet that drops the navigation.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, runAxe as axe } from '../support/browser.js';
import { buildExample } from '../support/example-build.js';
import { serveStatic } from '../support/serve-static.js';
import { repoRoot } from '../support/site-folder.js';

const PAGES: Record<string, string> = {
  home: '/',
  'home page 2': '/page/2/',
  post: '/2026/05/kinship-care-strategy/',
  'post with lead image': '/2026/02/family-hubs-open/',
  'post with table': '/2025/06/send-performance-update/',
  page: '/accessibility/',
  tag: '/tag/childrens-services/',
  tags: '/tags/',
  author: '/author/helen/',
  year: '/2025/',
  month: '/2025/06/',
  events: '/events/',
  event: '/events/regional-leadership-conference/',
  'not found': '/no-such-page/',
};

const artifacts = path.join(repoRoot, 'tests', '.artifacts');

let browser: Browser;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  if (!browserAvailable) return;
  const result = await buildExample();
  server = await serveStatic(result.outDir);
  browser = await launchBrowser();
  await fs.mkdir(artifacts, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.skipIf(!browserAvailable)('the default theme in Chromium', () => {
  it.each(Object.entries(PAGES))('%s has no axe violations (WCAG 2.2 AA)', async (name, url) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}${url}`);
    const violations = await axe(page);
    await page.screenshot({ path: path.join(artifacts, `${name.replace(/\s+/g, '-')}.png`), fullPage: true });
    await page.close();
    expect(violations.map((violation) => `${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it.each(Object.entries(PAGES))('%s does not scroll sideways at 320 px wide or at double zoom', async (_name, url) => {
    // 320 CSS px is a 1280 px window at 400% zoom (WCAG 1.4.10 reflow); a 640 px viewport at
    // device scale 2 is what a 1280 px window at 200% zoom lays out.
    for (const viewport of [
      { width: 320, height: 640, deviceScaleFactor: 1 },
      { width: 640, height: 450, deviceScaleFactor: 2 },
    ]) {
      const page = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height }, deviceScaleFactor: viewport.deviceScaleFactor });
      await page.goto(`${server.url}${url}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      await page.close();
      expect(width, `${url} at ${viewport.width}px`).toBeLessThanOrEqual(viewport.width);
    }
  });

  it('has one h1 per page', async () => {
    const page = await browser.newPage();
    for (const url of Object.values(PAGES)) {
      await page.goto(`${server.url}${url}`);
      expect(await page.locator('h1').count(), url).toBe(1);
    }
    await page.close();
  });

  it('skip link is the first thing keyboard users reach and moves focus to the content', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/2026/05/kinship-care-strategy/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    const focusBackground = await page.evaluate(() => getComputedStyle(document.activeElement as Element).backgroundColor);
    expect(focusBackground).not.toBe('rgba(0, 0, 0, 0)');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });

  it('shows the whole article without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/2026/05/kinship-care-strategy/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Our kinship care strategy, written with carers');
    expect(await page.locator('.prose li').count()).toBe(5);
    await context.close();
  });

  it('prints an article without navigation and with link URLs', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/2026/11/budget-consultation/`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-nav').isVisible()).toBe(false);
    expect(await page.locator('.site-footer').isVisible()).toBe(false);
    expect(await page.locator('article h1').isVisible()).toBe(true);
    // Links in the article print their address after the text.
    const printed = await page.evaluate(() => {
      const link = document.querySelector<HTMLAnchorElement>('.prose a[href^="http"], .prose a[href^="/"]');
      return link ? { href: link.getAttribute('href'), after: getComputedStyle(link, '::after').content } : undefined;
    });
    expect(printed, 'the post has a link in its body').toBeDefined();
    expect(printed?.after).toContain(printed?.href ?? 'no link');
    await page.pdf({ path: path.join(artifacts, 'post-print.pdf') });
    await page.close();
  });

  it('styles the 404 page and keeps its links working at any depth', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.url}/2019/04/a/deeply/nested/missing-page/`);
    expect(response?.status()).toBe(404);
    const report = await page.evaluate(() => ({
      styled: [...document.styleSheets].some((sheet) => sheet.cssRules.length > 20),
      relative: [...document.querySelectorAll('a[href], link[href], img[src]')]
        .map((element) => element.getAttribute('href') ?? element.getAttribute('src') ?? '')
        .filter((address) => !/^(\/|#|[a-z][a-z+.-]*:)/i.test(address)),
    }));
    expect(report.styled).toBe(true);
    expect(report.relative).toEqual([]);
    await page.getByRole('link', { name: 'Tags', exact: true }).first().click();
    expect(new URL(page.url()).pathname).toBe('/tags/');
    await page.close();
  });

  it('honours reduced motion', async () => {
    const page = await browser.newPage({ reducedMotion: 'reduce' });
    await page.goto(`${server.url}/`);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('auto');
    await page.close();
  });
});
