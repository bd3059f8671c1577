// Builds tests/fixtures/blog-basic (perPage 3, merged tag spellings, a draft, a future post,
// posts near midnight and the BST change, events either side of the clock) and checks what a
// reader would find in the output.
import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { parseRssFeed } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { copyFixture, exists, readText, readTree, relHrefs, textOf } from '../support/site-folder.js';

const NOW = '2024-11-15T12:00:00Z';
let root: string;
let out: string;
let result: BuildResult;
let tree: Map<string, Buffer>;

beforeAll(async () => {
  root = await copyFixture('blog-basic');
  out = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-basic-out-'));
  result = await build({ root, outDir: path.join(out, 'site'), now: NOW, cache: false });
  tree = await readTree(result.outDir);
});

const html = (file: string): Promise<string> => readText(result.outDir, file);
const titles = (posts: readonly { title: string }[]): string[] => posts.map((post) => post.title);

describe('posts in the model', () => {
  it('lists published posts newest first, breaking same-time ties by file name', () => {
    expect(titles(result.site.posts)).toEqual([
      'Same day, first file',
      'Same day, second file',
      'Growing our own social workers',
      'Fostering fortnight & what "care" means <script>alert(1)</script>',
      'A post just after midnight',
      'Clocks go forward',
      'Responding to the care review',
      'What our inspection taught us',
      'New year priorities for the partnership',
    ]);
  });

  it('relates posts by most shared tags, then most recent', () => {
    const post = result.site.posts.find((candidate) => candidate.title === 'Responding to the care review');
    expect(titles(post?.related ?? [])).toEqual(['New year priorities for the partnership', 'Growing our own social workers', 'A post just after midnight']);
  });
});

describe('drafts and future posts', () => {
  it('appear nowhere in the output', () => {
    for (const [file, bytes] of tree) {
      const text = bytes.toString('utf8');
      expect(text, file).not.toContain('budget thoughts');
      expect(text, file).not.toContain('Future plans from 2030');
    }
    expect([...tree.keys()].some((file) => file.startsWith('tag/budget/') || file.startsWith('tag/future/'))).toBe(false);
  });
});

describe('dates in the site time zone', () => {
  it('files a post at 23:30 UTC on 30 June under July (it is 00:30 BST)', () => {
    expect(tree.has('2024/07/midnight/index.html')).toBe(true);
    expect(tree.has('2024/06/midnight/index.html')).toBe(false);
  });

  it('reads a bare date just after the clocks go forward as midnight BST', () => {
    expect(tree.has('2024/04/bst-start/index.html')).toBe(true);
    const post = result.site.posts.find((candidate) => candidate.slug === 'bst-start');
    expect(post?.date.toISOString()).toBe('2024-03-31T23:00:00.000Z');
  });
});

describe('pagination', () => {
  it('splits the home archive into pages of three with prev/next links and no /page/1/', async () => {
    expect(tree.has('index.html') && tree.has('page/2/index.html') && tree.has('page/3/index.html')).toBe(true);
    expect(tree.has('page/4/index.html') || tree.has('page/1/index.html')).toBe(false);
    const second = await html('page/2/index.html');
    expect(relHrefs(second, 'link', 'prev')[0]).toMatch(/^(https:\/\/fixture\.example\.org)?\/$/);
    expect(relHrefs(second, 'link', 'next')[0]).toMatch(/\/page\/3\/$/);
    expect(relHrefs(second, 'a', 'prev').length).toBeGreaterThan(0);
    expect(relHrefs(second, 'a', 'next').length).toBeGreaterThan(0);
    expect(textOf(second)).toContain('Page 2 of 3');
    expect(relHrefs(second, 'link', 'canonical')).toEqual(['https://fixture.example.org/page/2/']);
  });

  it('paginates tag, author and date archives', async () => {
    expect(tree.has('tag/leadership/page/2/index.html')).toBe(true);
    expect(tree.has('author/amara/page/2/index.html')).toBe(true);
    expect(tree.has('2024/page/3/index.html')).toBe(true);
    expect(tree.has('2024/10/index.html')).toBe(true);
    const month = await html('2024/10/index.html');
    expect(textOf(month)).toContain('Same day, first file');
    expect(textOf(month)).toContain('Same day, second file');
    const lastTagPage = await html('tag/leadership/page/2/index.html');
    expect(relHrefs(lastTagPage, 'link', 'next')).toEqual([]);
    expect(relHrefs(lastTagPage, 'link', 'prev')[0]).toMatch(/\/tag\/leadership\/$/);
  });
});

describe('tags', () => {
  it('merges spellings that share a slug under the spelling most posts use', async () => {
    const tag = result.site.tagsBySlug.get('childrens-services');
    expect(tag?.count).toBe(3);
    expect(tag?.name).toBe('Children’s services');
    expect(textOf(await html('tag/childrens-services/index.html'))).toContain('Posts Tagged ‘Children’s services’');
  });

  it('lists every tag with its count on /tags/', async () => {
    const text = textOf(await html('tags/index.html'));
    for (const tag of result.site.tags) expect(text).toContain(tag.name);
    expect(text).toMatch(/Workforce\D*3/);
  });
});

describe('events', () => {
  it('shows the next upcoming event on every page', async () => {
    expect(result.site.nextEvent?.title).toBe('Winter leadership conference');
    for (const file of ['index.html', 'about/index.html', '2024/07/midnight/index.html']) {
      expect(textOf(await html(file))).toContain('Winter leadership conference');
    }
  });

  it('lists upcoming events before past ones', async () => {
    const text = textOf(await html('events/index.html'));
    const order = ['Winter leadership conference', 'Summer summit', 'Spring practice forum'].map((title) => text.indexOf(title));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe('hostile titles', () => {
  it('escapes a title with <script>, quotes and & in every HTML page', async () => {
    for (const [file, bytes] of tree) {
      if (!file.endsWith('.html')) continue;
      expect(bytes.toString('utf8'), file).not.toContain('<script>alert(1)');
    }
    const post = await html('2024/08/fostering-fortnight/index.html');
    expect(textOf(post)).toContain('Fostering fortnight & what "care" means <script>alert(1)</script>');
  });

  it('round-trips the title exactly through the RSS feed', async () => {
    const feed = parseRssFeed(await html('feed.xml'));
    expect(feed.items?.map((item) => item.title)).toContain('Fostering fortnight & what "care" means <script>alert(1)</script>');
    expect(feed.items?.length).toBe(5);
  });
});

describe('determinism', () => {
  it('builds byte-identical output twice with the same clock', async () => {
    const again = await build({ root, outDir: path.join(out, 'again'), now: NOW, cache: false });
    const second = await readTree(again.outDir);
    expect([...second.keys()]).toEqual([...tree.keys()]);
    for (const [file, bytes] of tree) expect(second.get(file)?.equals(bytes), file).toBe(true);
  });

  it('renders no Markdown on a warm build, and writes no changed bytes', async () => {
    const out2 = path.join(out, 'warm');
    await build({ root, outDir: out2, now: NOW, cache: true });
    const warm = await build({ root, outDir: out2, now: NOW, cache: true });
    expect(warm.counts.markdownRendered).toBe(0);
    expect(warm.counts.markdownCached).toBeGreaterThan(10);
    expect(warm.changed).toBe(0);
  });

  it('writes no stray files beside the output folder', async () => {
    expect((await fs.readdir(out)).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(await exists(path.join(root, '_site'))).toBe(false);
  });
});
