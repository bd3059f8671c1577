// A site whose url has a path (https://fixture.example.org/blog) is served by the dev server at
// the same path, so what works in dev works when published; `/` and anything outside the base
// path are sent there.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevServer, type DevServer } from '../../src/dev/create-dev-server.js';
import { copyFixture } from '../support/site-folder.js';

let server: DevServer;

beforeAll(async () => {
  const site = await copyFixture('blog-basic');
  const configFile = path.join(site, 'sectorpress.config.json');
  const config = JSON.parse(await fs.readFile(configFile, 'utf8')) as Record<string, unknown>;
  await fs.writeFile(configFile, JSON.stringify({ ...config, url: 'https://fixture.example.org/blog' }));
  server = await createDevServer({ root: site, port: 0, now: '2024-11-15T12:00:00Z', log: () => undefined });
});

afterAll(async () => {
  await server?.close();
});

async function get(url: string): Promise<{ status: number; location: string | null; text: string }> {
  const response = await fetch(new URL(url, server.url), { redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location'), text: await response.text() };
}

describe('the dev server for a site under a path', () => {
  it('prints and serves the site at the base path, with links and assets under it', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/blog\/$/);
    const home = await get('/blog/');
    expect(home.status).toBe(200);
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(home.text)?.[1] ?? '';
    expect(stylesheet).toMatch(/^\/blog\/assets\/css\/site\.[0-9a-f]{10}\.css$/);
    expect((await get(stylesheet)).status).toBe(200);
    expect((await get('/blog/tags/')).status).toBe(200);
    expect((await get('/blog/feed.xml')).status).toBe(200);
  });

  it('redirects / and paths outside the base path to the base path', async () => {
    for (const outside of ['/', '/blog', '/tags/']) {
      const response = await get(outside);
      expect(response.status, outside).toBe(302);
      expect(response.location, outside).toBe('/blog/');
    }
  });

  it('adds the slash to a folder under the base path, and 404s what is missing there', async () => {
    const folder = await get('/blog/tags');
    expect(folder.status).toBe(301);
    expect(folder.location).toBe('/blog/tags/');
    const missing = await get('/blog/no-such-page/');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('href="/blog/tags/"');
  });
});

describe('the dev server given a base URL and config in code, as build() takes them', () => {
  it('serves under the base URL’s path and shows the title given in code', async () => {
    const site = await copyFixture('blog-basic');
    const other = await createDevServer({
      root: site,
      port: 0,
      now: '2024-11-15T12:00:00Z',
      baseUrl: 'https://council.example.gov.uk/news',
      config: { title: 'Given in code' },
      log: () => undefined,
    });
    try {
      expect(other.url).toMatch(/\/news\/$/);
      const home = await fetch(other.url);
      expect(home.status).toBe(200);
      const text = await home.text();
      expect(text).toContain('Given in code');
      expect(text).toMatch(/href="\/news\/tags\/"/);
    } finally {
      await other.close();
    }
  });
});
