// Every element of ../shared/seeds/README.md's table has a home in the default theme, shown
// on the example site (with the site's own choices of tag-page style and long date format).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { copyExample, EXAMPLE_NOW } from '../support/example-build.js';
import { textOf } from '../support/site-folder.js';
import { renderSite } from './render-site.js';

async function buildWith(config: Record<string, unknown>): Promise<(file: string) => Promise<string>> {
  const result = await build({ root: await copyExample(), now: EXAMPLE_NOW, cache: false, workers: 0, config });
  return (file) => fs.readFile(path.join(result.outDir, file), 'utf8');
}

describe('the reference pages, element by element', async () => {
  const plain = await buildWith({});
  const wordpress = await buildWith({ tagPages: 'full', dateFormats: { long: 'cccc, LLLL do, yyyy' } });
  const tradePress = await buildWith({ dateFormats: { long: 'cccc, LLLL d, yyyy' } });
  const post = '2026/05/kinship-care-strategy/index.html';

  it('000: next upcoming event with a short date-time, title, body, tags assigned, related articles', async () => {
    const html = await plain(post);
    const text = textOf(html);
    expect(text).toMatch(/Next Upcoming Event Regional children’s services leadership conference [A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d\d \d\d:\d\d/);
    expect(html).toMatch(/<h1>Our kinship care strategy, written with carers<\/h1>/);
    expect(text).toMatch(/Tags assigned to this article: Kinship care ?, Care review/);
    expect(text).toContain('Related Blog Articles');
  });

  it('001: top of page link, avatar byline, standfirst, numbered sections with headings, quotations', async () => {
    const html = await plain(post);
    expect(html).toMatch(/<a href="#top">Top of page<\/a>/);
    expect(html).toContain('id="top"');
    expect(html).toMatch(/<img class="avatar" src="[^"]+" alt="Writer’s picture: Owen Pritchard"/);
    expect(html).toMatch(/<\/h1>\s*<p class="standfirst">Grandparents, aunts/);
    const listening = await plain('2025/01/a-year-of-listening/index.html');
    expect(listening).toMatch(/<h2 id="what-we-heard">What we heard<\/h2>[\s\S]*<ol>\s*<li><strong>Stop changing my social worker\.<\/strong>/);
    expect(await plain('2025/02/inspection-what-we-learned/index.html')).toMatch(/<blockquote>\s*<p>Leaders know themselves well\./);
  });

  it('002: "Posts Tagged ‘children’s services’" with whole posts one after another, each with a WordPress long date', async () => {
    const html = await wordpress('tag/childrens-services/index.html');
    expect(textOf(html)).toContain('Posts Tagged ‘Children’s services’');
    const posts = html.split('<article class="post post--in-list">').slice(1);
    expect(posts.length).toBeGreaterThan(2);
    for (const one of posts) {
      expect(one).toMatch(/<h2 class="post__title"><a href="[^"]+">[^<]+<\/a><\/h2>/);
      expect(textOf(one)).toMatch(/(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [A-Z][a-z]+ \d{1,2}(st|nd|rd|th), \d{4}/);
      expect(one).toContain('<div class="prose">');
    }
  });

  it('003: byline with a trade-press date, author e-mail after the article, subscription offer below it', async () => {
    const html = await tradePress(post);
    expect(textOf(html)).toMatch(/Owen Pritchard Principal Social Worker Monday, May 18, 2026/);
    const body = html.indexOf('<div class="prose">');
    expect(html.indexOf('href="mailto:')).toBeGreaterThan(body);
    expect(html.indexOf('class="subscribe"')).toBeGreaterThan(body);
    expect(textOf(html)).toContain('Subscribe to the blog');
  });

  it('004: a long post with money figures keeps them exactly', async () => {
    const { page } = await renderSite({ 'posts/2024-05-01-money.md': '---\ntitle: Growing into the role\ndate: 2024-05-01\n---\n\nWe secured an extra £3.5m and £1.5m more.\n' });
    expect(page('/2024/05/money/')).toContain('We secured an extra £3.5m and £1.5m more.');
  });
});
