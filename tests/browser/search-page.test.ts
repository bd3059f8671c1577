// The search page of the example site in real Chromium: typing a word from one post lists that
// post; the header form, the field and the results work from the keyboard alone; axe and the Nu
// Html Checker find nothing on the page with results shown; the index works under a base path;
// without JavaScript the page says so and links the tags list and the archives.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import type { Site } from '../../src/model/types.js';
import type { Post } from '../../src/model/types.js';
import { browserAvailable, launchBrowser, runAxe, WCAG_AA_TAGS } from '../support/browser.js';
import { buildExample, copyExample, EXAMPLE_NOW, type ExampleBuild } from '../support/example-build.js';
import { serveStatic, type StaticServer } from '../support/serve-static.js';
import { textOf } from '../support/site-folder.js';
import { vnuErrorsByFile } from '../support/vnu.js';

let browser: Browser;
let result: ExampleBuild;
let site: Site;
let server: StaticServer;
let target: Post;
let word: string;

/** A word of `post`'s body that no other post or page contains, so searching it must list `post` alone. */
function uniqueWord(post: Post, others: readonly { html: string; title: string }[]): string {
  const words = (html: string): Set<string> =>
    new Set(
      textOf(html)
        .toLowerCase()
        .match(/\p{L}+/gu) ?? [],
    );
  const elsewhere = new Set(others.flatMap((other) => [...words(other.html), ...words(other.title)]));
  const found = [...words(post.html)].filter((candidate) => candidate.length >= 8 && !elsewhere.has(candidate)).sort();
  if (!found[0]) throw new Error(`no unique word in ${post.url}`);
  return found[0];
}

beforeAll(async () => {
  if (!browserAvailable) return;
  result = await buildExample();
  site = await result.site();
  const posts = site.posts;
  target = posts.find((post) => post.url === '/2026/05/kinship-care-strategy/') ?? (posts[0] as Post);
  word = uniqueWord(target, [...posts.filter((post) => post !== target), ...site.pages]);
  server = await serveStatic(result.outDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Violations of WCAG 2.2 AA and axe's best practices, as `rule at selector` lines. */
async function axe(page: Page): Promise<string[]> {
  const found = await runAxe(page, [...WCAG_AA_TAGS, 'best-practice']);
  return found.map((violation) => `${violation.id} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** The titles and links of the listed results, once the status says how many there are. */
async function listedResults(page: Page): Promise<{ title: string; href: string }[]> {
  await page.locator('[data-search-status]').filter({ hasText: /\d/ }).waitFor();
  await page.locator('.search-result a').first().waitFor();
  return page.locator('.search-result a').evaluateAll((links) => links.map((link) => ({ title: link.textContent ?? '', href: link.getAttribute('href') ?? '' })));
}

describe.skipIf(!browserAvailable)('the search page in Chromium', () => {
  it('lists the post a typed word comes from, and announces the count politely', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/search/`);
    await page.getByLabel('Search this blog').fill(word);
    const results = await listedResults(page);
    expect(results).toEqual([{ title: target.title, href: target.url }]);
    const status = page.locator('[aria-live="polite"]');
    expect(await status.textContent()).toContain('1 result');
    expect(await page.locator('.search-result time').getAttribute('datetime')).toBe(target.date.toISOString());
    expect(await page.locator('.search-result mark').first().textContent()).toMatch(new RegExp(word, 'i'));
    expect(new URL(page.url()).searchParams.get('q')).toBe(word);
    await page.close();
  });

  it('works from the keyboard alone: Tab to the header field, type, Enter, Tab to a result, Enter', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    let presses = 0;
    while ((await page.evaluate(() => document.activeElement?.getAttribute('name'))) !== 'q') {
      expect(++presses, 'Tab presses to reach the search field').toBeLessThan(10);
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.closest('header') !== null)).toBe(true);
    await page.keyboard.type(word);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\/\?q=/);
    await listedResults(page);
    presses = 0;
    while (!(await page.evaluate(() => document.activeElement?.closest('.search-result') !== null))) {
      // From the top of the new page: skip link, site title, navigation, the field, its button, then the results.
      expect(++presses, 'Tab presses to reach the first result').toBeLessThan(20);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}${target.url}`);
    expect(await page.locator('h1').textContent()).toBe(target.title);
    await page.close();
  });

  it('has no axe violations and no Nu errors with results shown, nor as built', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('children')}`);
    const shown = await listedResults(page);
    expect(shown.length).toBeGreaterThan(1);
    const rendered = await page.evaluate(() => `<!doctype html>\n${document.documentElement.outerHTML}`);
    expect(await axe(page)).toEqual([]);
    await page.close();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-search-nu-'));
    await fs.writeFile(path.join(dir, 'with-results.html'), rendered);
    await fs.copyFile(path.join(result.outDir, 'search', 'index.html'), path.join(dir, 'as-built.html'));
    expect(Object.fromEntries(await vnuErrorsByFile(dir))).toEqual({});
  });

  it('says that search needs JavaScript and links the tags list and the archives when scripts are off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/search/?q=${word}`);
    expect(await page.locator('main').textContent()).toContain('JavaScript');
    expect(await page.locator('main').getByRole('link', { name: 'All tags' }).getAttribute('href')).toBe('/tags/');
    for (const year of site.years) expect(await page.locator(`main a[href="${year.url}"]`).count(), year.url).toBe(1);
    await context.close();
  });
});

describe.skipIf(!browserAvailable)('the search index under a base path', () => {
  it('finds a post on a site published at /blog/ and links it there', async () => {
    const root = await copyExample();
    const built = await build({ root, now: EXAMPLE_NOW, cache: false, baseUrl: 'https://www.council.gov.uk/blog' });
    const mounted = await serveStatic(built.outDir, '/blog/');
    try {
      const page = await browser.newPage();
      await page.goto(`${mounted.url}/blog/search/?q=${encodeURIComponent(word)}`);
      const results = await listedResults(page);
      expect(results).toEqual([{ title: target.title, href: `/blog${target.url}` }]);
      await page.locator('.search-result a').click();
      await page.waitForURL(`${mounted.url}/blog${target.url}`);
      expect(await page.locator('h1').textContent()).toBe(target.title);
      await page.close();
    } finally {
      await mounted.close();
    }
  });
});

describe.skipIf(!browserAvailable)('search on a bilingual site', () => {
  it('finds a Welsh post from /cy/search/, and the same word finds nothing from the English /search/', async () => {
    const welsh = site.translations?.[0];
    expect(welsh?.config.language).toBe('cy');
    const english = site.posts;
    const cyPosts = welsh?.posts ?? [];
    const everything = [...english, ...cyPosts, ...site.pages, ...(welsh?.pages ?? [])];
    const cyTarget = cyPosts[0] as Post;
    const cyWord = uniqueWord(
      cyTarget,
      everything.filter((entry) => entry !== cyTarget),
    );
    const page = await browser.newPage();
    await page.goto(`${server.url}/cy/search/`);
    await page.getByLabel('Chwilio’r blog hwn').fill(cyWord);
    // Model URLs are the language's own; on the page they carry its /cy/ prefix.
    expect(await listedResults(page)).toEqual([{ title: cyTarget.title, href: `/cy${cyTarget.url}` }]);
    // The English index does not hold the Welsh post: the same word finds nothing from /search/.
    await page.goto(`${server.url}/search/?q=${encodeURIComponent(cyWord)}`);
    await page.locator('[data-search-status]').filter({ hasText: cyWord }).waitFor();
    expect(await page.locator('.search-result').count()).toBe(0);
    await page.close();
  });
});
