// `sticky: true` pins a post first on the home page (page 1 of the main listing), marked
// "Pinned"; other listings and the feeds keep date order.
import path from 'node:path';
import { parseRssFeed } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { writeSite } from '../content/temp-site.js';
import { readText, textOf } from '../support/site-folder.js';

const post = (slug: string, date: string, extra = ''): string => `---\ntitle: Post ${slug}\ndate: ${date}\nsummary: s\ntags: [News]\n${extra}---\nBody.\n`;

/** Card titles of a list page, in order, and which carry the Pinned mark. */
function cards(html: string): { title: string; pinned: boolean }[] {
  return (html.match(/<article class="card">[\s\S]*?<\/article>/g) ?? []).map((card) => ({
    title: textOf(/<h2 class="card__title">[\s\S]*?<\/h2>/.exec(card)?.[0] ?? '').trim(),
    pinned: textOf(card).includes('Pinned'),
  }));
}

describe('sticky posts', () => {
  let outDir: string;

  beforeAll(async () => {
    const root = await writeSite({
      'sectorpress.config.json': JSON.stringify({ title: 'Sticky test', url: 'https://blog.example.gov.uk', perPage: 2 }),
      'posts/a.md': post('a', '2019-01-01', 'sticky: true\n'),
      'posts/b.md': post('b', '2019-02-01'),
      'posts/c.md': post('c', '2019-03-01'),
      'posts/d.md': post('d', '2019-04-01'),
    });
    outDir = path.join(root, '_site');
    await build({ root, outDir, now: '2026-01-01T00:00:00Z', cache: false, workers: 0 });
  }, 180_000);

  it('shows the sticky post first on the home page, marked Pinned, then the rest newest first', async () => {
    expect(cards(await readText(outDir, 'index.html'))).toEqual([
      { title: 'Post a', pinned: true },
      { title: 'Post d', pinned: false },
    ]);
    expect(cards(await readText(outDir, 'page/2/index.html'))).toEqual([
      { title: 'Post c', pinned: false },
      { title: 'Post b', pinned: false },
    ]);
  });

  it('keeps date order, without the mark, on tag pages and in the feed', async () => {
    expect(cards(await readText(outDir, 'tag/news/index.html'))).toEqual([
      { title: 'Post d', pinned: false },
      { title: 'Post c', pinned: false },
    ]);
    expect(parseRssFeed(await readText(outDir, 'feed.xml')).items?.map((item) => item.title)).toEqual(['Post d', 'Post c', 'Post b', 'Post a']);
  });
});
