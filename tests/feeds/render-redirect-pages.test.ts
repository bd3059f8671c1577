// Redirects, built for real: pages at the old paths, `_redirects`, Apache and nginx rules, and old
// query addresses (`/?p=123`) resolving through a Netlify-like server and through the page script.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { writeSite } from '../content/temp-site.js';
import { serveRedirects } from '../support/serve-redirects.js';
import type { StaticServer } from '../support/serve-static.js';
import { exists, readText } from '../support/site-folder.js';

const NOW = '2026-06-01T12:00:00Z';

const POST = `---
title: "Children’s services: a year on"
date: 2019-05-12 09:30
summary: A look back.
redirects:
  - /?p=123
  - /archives/123/
  - /2019/05/12/a-year-on.html
---
Body.
`;

const REDIRECTS_YML = `- from: /category/news/
  to: /tag/news/
- from: /?cat=3
  to: /tag/news/
- from: /old-about/
  to: /about-us
- from: /about-us/
  to: /about
- from: /elsewhere/
  to: https://www.example.gov.uk/new-home/
- from: /feed/
  to: /feed.xml
- from: /category/news/feed/
  to: /tag/news/feed.xml
`;

async function buildSite(url: string): Promise<string> {
  const root = await writeSite({
    'sectorpress.config.json': JSON.stringify({ title: 'Redirect test', url }),
    'posts/2019-05-12-a-year-on.md': POST.replace('summary:', 'tags: [News]\nsummary:'),
    'pages/about.md': '---\ntitle: About\nredirects: [/?page_id=7]\n---\nAbout us.\n',
    'data/redirects.yml': REDIRECTS_YML,
  });
  const outDir = path.join(root, '_site');
  await build({ root, outDir, now: NOW, cache: false, workers: 0 });
  return outDir;
}

/** The meta-refresh target, canonical URL and visible link of a redirect page. */
function readRedirectPage(html: string): { refresh: string | undefined; canonical: string | undefined; link: string | undefined; noindex: boolean } {
  return {
    refresh: /<meta http-equiv="refresh" content="0; url=([^"]*)">/.exec(html)?.[1],
    canonical: /<link rel="canonical" href="([^"]*)">/.exec(html)?.[1],
    link: /<main>[\s\S]*<a href="([^"]*)">/.exec(html)?.[1],
    noindex: /<meta name="robots" content="noindex">/.test(html),
  };
}

for (const [mount, siteUrl] of [
  ['/', 'https://blog.example.gov.uk'],
  ['/blog/', 'https://www.example.gov.uk/blog'],
] as const) {
  describe(`redirects of a site at ${mount}`, () => {
    let outDir: string;
    let server: StaticServer;
    const postPath = `${mount}2019/05/a-year-on/`;

    beforeAll(async () => {
      outDir = await buildSite(siteUrl);
      server = await serveRedirects(outDir, mount);
    }, 180_000);
    afterAll(() => server?.close());

    it('writes a page at each old path that leads to the new address', async () => {
      for (const [file, target] of [
        ['archives/123/index.html', postPath],
        ['2019/05/12/a-year-on.html', postPath],
        ['category/news/index.html', `${mount}tag/news/`],
        ['old-about/index.html', `${mount}about/`],
        ['elsewhere/index.html', 'https://www.example.gov.uk/new-home/'],
        ['feed/index.html', `${mount}feed.xml`],
        ['category/news/feed/index.html', `${mount}tag/news/feed.xml`],
      ] as const) {
        const page = readRedirectPage(await readText(outDir, file));
        expect(page, file).toEqual({ refresh: target, canonical: target.startsWith('https:') ? target : new URL(target, siteUrl).href, link: target, noindex: true });
      }
    });

    it('resolves a chain to its end: /old-about/ → /about-us/ → /about/', async () => {
      const rules = await readText(outDir, '_redirects');
      expect(rules).toContain(`${mount}old-about/ ${mount}about/ 301!`);
      expect(rules).toContain(`${mount}about-us/ ${mount}about/ 301!`);
    });

    it('writes _redirects lines with the base path, query rules before plain ones', async () => {
      const lines = (await readText(outDir, '_redirects')).split('\n').filter((line) => line !== '' && !line.startsWith('#'));
      expect(lines).toContain(`${mount} p=123 ${postPath} 301!`);
      expect(lines).toContain(`${mount} page_id=7 ${mount}about/ 301!`);
      expect(lines).toContain(`${mount} cat=3 ${mount}tag/news/ 301!`);
      expect(lines).toContain(`${mount}archives/123/ ${postPath} 301!`);
      const firstPlain = lines.findIndex((line) => line.split(' ').length === 3);
      expect(lines.slice(firstPlain).every((line) => line.split(' ').length === 3)).toBe(true);
    });

    it('answers every old address with a 301 to the new one on a Netlify-like host', async () => {
      for (const [old, target] of [
        [`${mount}?p=123`, postPath],
        [`${mount}?page_id=7`, `${mount}about/`],
        [`${mount}?cat=3&utm_source=x`, `${mount}tag/news/`],
        [`${mount}archives/123/`, postPath],
        [`${mount}archives/123`, postPath],
        [`${mount}old-about/`, `${mount}about/`],
      ] as const) {
        const response = await fetch(`${server.url}${old}`, { redirect: 'manual' });
        expect([old, response.status, response.headers.get('location')]).toEqual([old, 301, target]);
        const landed = await fetch(`${server.url}${target}`);
        expect(landed.status, target).toBe(200);
      }
      // The home page itself still works.
      expect((await fetch(`${server.url}${mount}`)).status).toBe(200);
    });

    it('sends old query addresses on from the home page on a plain static host (redirect-query.js)', async () => {
      const home = await readText(outDir, 'index.html');
      expect(home).toContain(`<script src="${mount}redirect-query.js"></script>`);
      const script = await readText(outDir, 'redirect-query.js');
      const run = (search: string, pathname: string = mount): string | undefined => {
        let replaced: string | undefined;
        const location = { pathname, search, replace: (to: string) => void (replaced = to) };
        vm.runInNewContext(script, { location, URLSearchParams });
        return replaced;
      };
      expect(run('?p=123')).toBe(postPath);
      expect(run('?page_id=7&foo=bar')).toBe(`${mount}about/`);
      expect(run('?p=124')).toBeUndefined();
      expect(run('')).toBeUndefined();
      expect(run('?p=123', `${mount}about/`)).toBeUndefined();
    });

    it('writes Apache and nginx rules with the base path', async () => {
      const apache = await readText(outDir, 'redirects.htaccess');
      expect(apache).toContain('RewriteEngine On');
      expect(apache).toContain('RewriteCond %{QUERY_STRING} (^|&)p=123(&|$)');
      expect(apache).toContain(`RewriteRule ^ ${postPath}? [R=301,L,NE]`);
      expect(apache).toContain(`RewriteCond %{REQUEST_URI} ^${mount}archives/123/?$`);
      const nginx = await readText(outDir, 'redirects.nginx.conf');
      expect(nginx).toContain(`location = "${mount}archives/123/" { return 301 "${postPath}"; }`);
      expect(nginx).toContain(`location = "${mount}archives/123" { return 301 "${postPath}"; }`);
      expect(nginx).toContain(`if ($request_uri ~ "^${mount}(index\\\\.html)?\\\\?(.*&)?p=123(&|$)") { return 301 "${postPath}"; }`);
    });

    it('keeps redirect pages out of the sitemap', async () => {
      const sitemap = await readText(outDir, 'sitemap.xml');
      expect(sitemap).not.toContain('archives/123');
      expect(sitemap).toContain('2019/05/a-year-on/');
    });
  });
}

describe('a site without redirects', () => {
  it('writes no redirect files and no script', async () => {
    const root = await writeSite({
      'sectorpress.config.json': JSON.stringify({ title: 'Plain', url: 'https://plain.example.org' }),
      'posts/2019-05-12-a-year-on.md': '---\ntitle: A year on\nsummary: s\n---\nBody.\n',
    });
    const outDir = path.join(root, '_site');
    const result = await build({ root, outDir, now: NOW, cache: false, workers: 0 });
    for (const file of ['_redirects', 'redirects.htaccess', 'redirects.nginx.conf', 'redirect-query.js']) expect(await exists(path.join(outDir, file)), file).toBe(false);
    expect(result.files.some((file) => file.includes('redirect'))).toBe(false);
    expect(await fs.readFile(path.join(outDir, 'index.html'), 'utf8')).not.toContain('<script src=');
  });
});
