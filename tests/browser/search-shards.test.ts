// The search page in real Chromium on the example site with its index split into shards (a small
// shard size): a word from a post in the first bundle and a word from a post in another bundle
// each list that post; a word common to many posts lists as many results as the one-bundle index does;
// the Welsh search page finds a Welsh post; and it all works for a site published under /blog/.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import type { Post } from '../../src/model/types.js';
import { shardOf } from '../../src/search/search-shards.js';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { buildExample, copyExample, EXAMPLE_NOW, type ExampleBuild } from '../support/example-build.js';
import { serveStatic, type StaticServer } from '../support/serve-static.js';
import { textOf } from '../support/site-folder.js';

const SHARDED = { search: { shardSize: 4 } };

let browser: Browser;
let whole: ExampleBuild;
let sharded: BuildResult;
let wholeServer: StaticServer;
let server: StaticServer;
let shards: number;

const words = (html: string): Set<string> =>
  new Set(
    textOf(html)
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [],
  );

/** A word of `post`'s body unlike any word of another post or page of any language, so searching it must list `post` alone. */
function uniqueWord(post: Post, site: BuildResult['site']): string | undefined {
  const welsh = site.translations?.[0];
  const everything = [...site.posts, ...site.pages, ...(welsh?.posts ?? []), ...(welsh?.pages ?? [])].filter((entry) => entry !== post);
  // Pagefind stems words ("bringing" finds "bring") and matches the last one as a prefix: no word elsewhere may share the candidate's first five letters.
  const elsewhere = new Set(everything.flatMap((other) => [...words(other.html), ...words(other.title)].map((word) => word.slice(0, 5))));
  return [...words(post.html)].filter((candidate) => candidate.length >= 8 && !elsewhere.has(candidate.slice(0, 5))).sort()[0];
}

/** A post of `site` in a shard `inShard` accepts, with a word found in it alone. */
function postWithWord(site: BuildResult['site'], inShard: (shard: number) => boolean, basePath = ''): { post: Post; word: string } {
  for (const post of site.posts.filter((entry) => inShard(shardOf(`${basePath}${entry.url}`, shards)))) {
    const word = uniqueWord(post, site);
    if (word) return { post, word };
  }
  throw new Error('no post with a word of its own');
}

beforeAll(async () => {
  if (!browserAvailable) return;
  whole = await buildExample();
  sharded = await build({ root: await copyExample(), now: EXAMPLE_NOW, cache: false, config: SHARDED });
  shards = 1 + new Set(sharded.files.map((file) => /^pagefind\/(shard-\d+)\//.exec(file)?.[1]).filter(Boolean)).size;
  [wholeServer, server] = await Promise.all([serveStatic(whole.outDir), serveStatic(sharded.outDir)]);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await wholeServer?.close();
});

async function listedResults(page: Page): Promise<{ title: string; href: string }[]> {
  await page.locator('[data-search-status]').filter({ hasText: /\d/ }).waitFor();
  await page.locator('.search-result a').first().waitFor();
  return page.locator('.search-result a').evaluateAll((links) => links.map((link) => ({ title: link.textContent ?? '', href: link.getAttribute('href') ?? '' })));
}

async function statusFor(base: string, query: string): Promise<string> {
  const page = await browser.newPage();
  await page.goto(`${base}/search/?q=${encodeURIComponent(query)}`);
  await listedResults(page);
  const status = (await page.locator('[data-search-status]').textContent()) ?? '';
  await page.close();
  return status;
}

describe.skipIf(!browserAvailable)('the search page with a sharded index', () => {
  it('is split into several bundles', () => {
    expect(shards).toBeGreaterThan(2);
    expect(sharded.files).toContain('pagefind/shards.js');
  });

  it('finds a post of the first bundle and a post of another bundle', async () => {
    for (const { post, word } of [postWithWord(sharded.site, (shard) => shard === 0), postWithWord(sharded.site, (shard) => shard !== 0)]) {
      const page = await browser.newPage();
      await page.goto(`${server.url}/search/`);
      await page.getByLabel('Search this blog').fill(word);
      // Listed, not alone: a shard without the word adds Pagefind's part-word matches (docs/search.md, "Shards").
      expect(await listedResults(page), post.url).toContainEqual({ title: post.title, href: post.url });
      await page.close();
    }
  });

  it('counts as many results for a common word as the one-bundle index', async () => {
    const sharedStatus = await statusFor(server.url, 'children');
    expect(sharedStatus).toMatch(/\d+ results/);
    expect(sharedStatus).toBe(await statusFor(wholeServer.url, 'children'));
  });

  it('finds a Welsh post from /cy/search/ and not from the English /search/', async () => {
    const welsh = sharded.site.translations?.[0];
    const target = welsh?.posts.find((post) => uniqueWord(post, sharded.site)) as Post;
    const word = uniqueWord(target, sharded.site) as string;
    const page = await browser.newPage();
    await page.goto(`${server.url}/cy/search/?q=${encodeURIComponent(word)}`);
    expect(await listedResults(page)).toContainEqual({ title: target.title, href: `/cy${target.url}` });
    await page.goto(`${server.url}/search/?q=${encodeURIComponent(word)}`);
    await page.locator('[data-search-status]').filter({ hasText: word }).waitFor();
    expect(await page.locator('.search-result').count()).toBe(0);
    await page.close();
  });

  it('finds posts of every bundle on a site published at /blog/', async () => {
    const built = await build({ root: await copyExample(), now: EXAMPLE_NOW, cache: false, baseUrl: 'https://www.council.gov.uk/blog', config: SHARDED });
    const mounted = await serveStatic(built.outDir, '/blog/');
    try {
      for (const { post, word } of [postWithWord(built.site, (shard) => shard === 0, '/blog'), postWithWord(built.site, (shard) => shard !== 0, '/blog')]) {
        const page = await browser.newPage();
        await page.goto(`${mounted.url}/blog/search/?q=${encodeURIComponent(word)}`);
        expect(await listedResults(page), post.url).toContainEqual({ title: post.title, href: `/blog${post.url}` });
        await page.close();
      }
    } finally {
      await mounted.close();
    }
  });
});
