import { promises as fs } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { formatProblem } from '../../src/shared/errors.js';
import { writeSite } from '../content/temp-site.js';
import { serveStatic } from '../support/serve-static.js';

const CONFIG = JSON.stringify({ title: 'Tags', url: 'https://tags.example.org' });

async function buildSite(files: Record<string, string>): Promise<{ result: BuildResult; out: string }> {
  const root = await writeSite({ 'sectorpress.config.json': CONFIG, ...files });
  const out = path.join(root, '_site');
  return { result: await build({ root, outDir: out, now: '2026-01-01T12:00:00Z', cache: false, workers: 0 }), out };
}

function post(title: string, date: string, front: string): string {
  return `---\ntitle: ${title}\ndate: ${date}\nsummary: S.\n${front}---\n\nBody.\n`;
}

/** Every `href` of a page, resolved against the page's own URL. */
function hrefs(html: string, pageUrl: string): URL[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((match) => new URL((match[1] ?? '').replace(/&amp;/g, '&'), pageUrl));
}

describe('tags in any script', () => {
  it('keeps Chinese, Japanese and emoji-only tags, each with a page its links reach', async () => {
    const { result, out } = await buildSite({ 'posts/a.md': post('A', '2024-03-01', 'tags: [中文, 日本語, "🎉", Ofsted]\n') });
    expect(result.site.tags.map((tag) => tag.name).sort()).toEqual(['Ofsted', '中文', '日本語', '🎉'].sort());
    const page = await fs.readFile(path.join(out, result.site.posts[0]?.url.slice(1) ?? '', 'index.html'), 'utf8');
    for (const name of ['中文', '日本語', '🎉']) {
      const link = hrefs(page, `https://tags.example.org${result.site.posts[0]?.url ?? '/'}`).find((url) => url.pathname.startsWith('/tag/') && decodeURIComponent(url.pathname) === `/tag/${name}/`);
      // The href is percent-encoded, and a static server's decoding of it names the folder that holds the page.
      expect(link?.href, name).toMatch(/^https:\/\/tags\.example\.org\/tag\/(%[0-9A-F]{2})+\/$/);
      const folder = path.join(out, decodeURIComponent(link?.pathname ?? ''), 'index.html');
      expect(await fs.readFile(folder, 'utf8')).toContain(name);
      expect(await fs.stat(path.join(out, 'tag', name, 'feed.xml'))).toBeTruthy();
    }
    // A static server given the encoded URL serves the page; its canonical link is encoded too.
    const server = await serveStatic(out);
    try {
      const response = await fetch(`${server.url}/tag/%F0%9F%8E%89/`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('🎉');
      expect(html).toContain('<link rel="canonical" href="https://tags.example.org/tag/%F0%9F%8E%89/">');
    } finally {
      await server.close();
    }
    // As written in the HTML, not only as a browser would repair it.
    expect(page).toMatch(/href="[^"]*\/tag\/%E4%B8%AD%E6%96%87\/"/);
    expect(page).not.toMatch(/href="[^"]*[\u0080-\uffff]/);
  });

  it('does not merge C++, C# and C silently: a warning names each with a post', async () => {
    const { result } = await buildSite({
      'posts/cpp.md': post('Cpp', '2024-03-01', 'tags: [C++]\n'),
      'posts/csharp.md': post('Csharp', '2024-03-02', 'tags: ["C#"]\n'),
      'posts/c.md': post('C', '2024-03-03', 'tags: [C]\n'),
      'posts/o.md': post('O', '2024-03-04', 'tags: [ofsted, Ofsted]\n'),
    });
    const merged = result.problems.filter((problem) => problem.code === 'tags/merged');
    expect(merged).toHaveLength(1);
    const text = formatProblem(merged[0]!);
    expect(text).toMatch(/^posts\/\w+\.md:5:7 warning:/);
    for (const [name, file] of [
      ['C++', 'posts/cpp.md'],
      ['C#', 'posts/csharp.md'],
      ['C', 'posts/c.md'],
    ])
      expect(text).toContain(`"${name}" (${file})`);
  });

  it('reports a tag with nothing to make a URL from instead of dropping it silently', async () => {
    const { result } = await buildSite({ 'posts/a.md': post('A', '2024-03-01', 'tags: ["+++", News]\n') });
    expect(result.problems.find((problem) => problem.code === 'tags/no-slug')).toMatchObject({ file: 'posts/a.md', line: 5, severity: 'warning', message: expect.stringContaining('"+++"') });
  });
});

describe('sitemap and feed URLs', () => {
  it('percent-encodes spaces, quotes and non-ASCII letters, so every <loc> is a valid URL that reaches its page', async () => {
    const { out } = await buildSite({
      'posts/a.md': post('A', '2024-03-01', 'permalink: "/news/our café \\"plan\\" now/"\ntags: ["Café ‘quoted’ news", 中文]\n'),
    });
    const sitemap = new XMLParser().parse(await fs.readFile(path.join(out, 'sitemap.xml'), 'utf8')) as { urlset: { url: { loc: string }[] } };
    const locs = sitemap.urlset.url.map((url) => url.loc);
    expect(locs).toContain('https://tags.example.org/news/our%20caf%C3%A9%20%22plan%22%20now/');
    expect(locs).toContain('https://tags.example.org/tag/%E4%B8%AD%E6%96%87/');
    for (const loc of locs) {
      expect(new URL(loc).href).toBe(loc);
      expect(loc).not.toMatch(/[\s"<>\u0080-\uffff]/);
      await expect(fs.stat(path.join(out, decodeURIComponent(new URL(loc).pathname), 'index.html'))).resolves.toBeTruthy();
    }
    const rss = await fs.readFile(path.join(out, 'feed.xml'), 'utf8');
    expect(rss).toContain('<link>https://tags.example.org/news/our%20caf%C3%A9%20%22plan%22%20now/</link>');
  });
});
