import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, loadSite } from '../../src/build.js';
import { BodySpool } from '../../src/markdown/body-spool.js';
import { copyFixture, readText } from '../support/site-folder.js';

const NOW = '2026-06-01T12:00:00Z';

describe('rendered bodies kept on disk', () => {
  it('reads back every body exactly, however it is written, and leaves no file behind', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-spool-'));
    const spool = BodySpool.open(folder);
    expect(spool).toBeDefined();
    const bodies = ['<p>Fish &amp; chips</p>', '<p>Café ‘quoted’ — 🐟 中文</p>', `<p>${'long paragraph '.repeat(20_000)}</p>`, '<p>lone \uD800 surrogate</p>', ''];
    const kept = bodies.map((html, at) => spool?.keep({ html, wordCount: at, readingMinutes: 1, excerpt: `excerpt ${at}` }));
    // Read twice, out of order: each read is independent.
    for (const at of [3, 1, 0, 4, 2, 1]) expect(kept[at]?.html).toBe(bodies[at]);
    expect(kept.map((body) => body?.excerpt)).toEqual(bodies.map((_, at) => `excerpt ${at}`));
    expect({ ...kept[1] }).toEqual({ html: bodies[1], wordCount: 1, readingMinutes: 1, excerpt: 'excerpt 1' });
    if (process.platform !== 'win32') expect(await fs.readdir(folder)).toEqual([]);
  });

  it('build() still gives pages, feeds and its returned model every body, and loadSite() the same HTML', async () => {
    const root = await copyFixture('blog-basic');
    const outDir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-spool-out-')), 'out');
    const built = await build({ root, outDir, now: NOW, cache: false });
    const { site } = await loadSite({ root, now: NOW });
    expect(built.site.posts.length).toBeGreaterThan(0);
    expect(built.site.posts.map((post) => post.html)).toEqual(site.posts.map((post) => post.html));
    const newest = site.posts[0];
    const page = await readText(outDir, `${(newest?.url ?? '').slice(1)}index.html`);
    expect(page).toContain(newest?.html);
    const feed = await readText(outDir, 'feed.json');
    const item = (JSON.parse(feed) as { items: { url: string; content_html: string }[] }).items.find((entry) => entry.url === newest?.absoluteUrl);
    expect(item?.content_html.length).toBeGreaterThan(0);
    expect(await fs.readdir(path.join(root, 'node_modules', '.cache', 'sectorpress')).catch(() => [])).not.toContainEqual(expect.stringMatching(/^bodies-/));
  });
});
