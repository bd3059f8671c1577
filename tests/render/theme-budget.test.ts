// The default theme stays light: CSS under 20 KB, a post page's HTML + CSS under 60 KB
// (images aside), and no script but the JSON-LD data block, except the search page's own module.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExample } from '../support/example-build.js';

describe('the default theme weight', async () => {
  const result = await buildExample();
  const css = result.files.filter((file) => /^assets\/css\/site\.[0-9a-f]{10}\.css$/.test(file));
  const size = async (file: string): Promise<number> => (await fs.stat(path.join(result.outDir, file))).size;

  it('ships one hashed stylesheet under 20 KB', async () => {
    expect(css).toHaveLength(1);
    expect(await size(css[0]!)).toBeLessThan(20 * 1024);
  });

  it('keeps every post page with its CSS under 60 KB', async () => {
    const posts = (await result.site()).posts.map((post) => `${post.url.replace(/^\//, '')}index.html`);
    expect(posts.length).toBeGreaterThan(5);
    for (const file of posts) expect((await size(file)) + (await size(css[0]!)), file).toBeLessThan(60 * 1024);
  });

  it('needs no JavaScript: the only script elements hold JSON-LD, but for the search page’s one module', async () => {
    for (const file of result.files.filter((name) => name.endsWith('.html'))) {
      const html = await fs.readFile(path.join(result.outDir, file), 'utf8');
      const scripts = (html.match(/<script\b[^>]*>/g) ?? []).filter((tag) => tag !== '<script type="application/ld+json">');
      expect(scripts, file).toEqual(/(^|\/)search\/index\.html$/.test(file) ? [expect.stringMatching(/^<script type="module" src="\/assets\/js\/search\.[0-9a-f]{10}\.js">$/)] : []);
    }
  });

  it('keeps the search script small', async () => {
    const script = result.files.find((file) => /^assets\/js\/search\.[0-9a-f]{10}\.js$/.test(file));
    expect(script).toBeDefined();
    expect(await size(script as string)).toBeLessThan(8 * 1024);
  });
});
