// Where a feed comes from and what happens when it is unusable: a feed served over real HTTP on
// 127.0.0.1, 404s, a server that never answers, and files that are empty, cut short, not XML or JSON,
// or not a feed. Every failure names the source and writes nothing.
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/shared/errors.js';
import { importFeed } from '../../src/import/import-feed.js';
import { exists, readText } from '../support/site-folder.js';
import { JSON_FEED, RSS_FULL } from './feed-samples.js';
import { LOOPBACK_SERVERS, mediaBytes } from './media-samples.js';

const POOL_PNG = mediaBytes('png', 'pool', 300);

let server: http.Server;
let origin: string;
const hanging: http.ServerResponse[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    if (request.url === '/feed/') {
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      response.end(RSS_FULL);
    } else if (request.url === '/blog/') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><html><head><title>Blog</title><link rel="alternate" type="application/rss+xml" href="/feed/"></head><body>Hi</body></html>');
    } else if (request.url === '/photo-feed/') {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(photoFeed());
    } else if (request.url === '/img/pool.png') {
      response.writeHead(200, { 'content-type': 'image/png' });
      response.end(POOL_PNG);
    } else if (request.url === '/slow') {
      hanging.push(response); // never answered
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('Not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const response of hanging) response.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A feed from a platform that keeps images on its own image server (here: this test server). */
function photoFeed(): string {
  return `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Pool news</title><link>https://pool.example.org/</link><description>D</description>
<item><title>Pool reopens</title><link>https://pool.example.org/p/pool-reopens</link><pubDate>Sat, 01 Jun 2024 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p><img src="${origin}/img/pool.png" alt="The pool"></p><p><img src="${origin}/img/gone.png" alt="Old sign"></p>]]></content:encoded></item></channel></rss>`;
}

async function tempFolder(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'sp-feed-src-'));
}

/** Import `source`, expecting an error; gives the printed problem and checks nothing was written. */
async function failedImport(source: string, options: { timeoutMs?: number } = {}): Promise<string> {
  const site = path.join(await tempFolder(), 'site');
  const result = await importFeed(source, site, options);
  expect(result.value).toBeUndefined();
  expect(result.problems).toHaveLength(1);
  expect(await exists(site)).toBe(false);
  const [problem] = result.problems;
  if (!problem) throw new Error('no problem');
  expect(problem.severity).toBe('error');
  expect(problem.file).toBe(source);
  return formatProblem(problem);
}

async function fileWith(name: string, text: string): Promise<string> {
  const file = path.join(await tempFolder(), name);
  await fs.writeFile(file, text);
  return file;
}

describe('a feed address', () => {
  it('imports the feed served at it', async () => {
    const site = path.join(await tempFolder(), 'site');
    const result = await importFeed(`${origin}/feed/`, site);
    expect(result.problems).toEqual([]);
    expect(result.value?.counts['posts imported']).toBe(3);
    expect(await readText(site, 'posts/2019-05-12-a-year-on.md')).toContain('guid: https://blog.northshire.example.gov.uk/?p=123');
  });

  it('with download, fetches the images posts use from any host and lists those it could not have', async () => {
    const site = path.join(await tempFolder(), 'site');
    const result = await importFeed(`${origin}/photo-feed/`, site, { download: true, policy: LOOPBACK_SERVERS });
    expect(result.problems).toEqual([]);
    expect(result.value?.counts['media files missing']).toBe(1);
    const body = await readText(site, 'posts/2024-06-01-pool-reopens.md');
    const local = /!\[The pool\]\((\/images\/feed\/127\.0\.0\.1\/pool-[0-9a-f]+\.png)\)/.exec(body)?.[1];
    expect(local, body).toBeDefined();
    expect(await fs.readFile(path.join(site, 'static', local ?? ''))).toEqual(POOL_PNG);
    expect(body).toContain(`![Old sign](${origin}/img/gone.png)`);
    const report = await readText(site, 'import-report.md');
    expect(report).toContain(`${origin}/img/gone.png`);
    expect(report).toContain('404');
  });

  it('says when the server answers 404', async () => {
    const message = await failedImport(`${origin}/missing.xml`);
    expect(message).toContain(`${origin}/missing.xml error: The server answered HTTP 404 Not Found.`);
    expect(message).toContain('/feed/, /rss, /atom.xml or /feed.json');
  });

  it('gives up on a server that never answers', async () => {
    const message = await failedImport(`${origin}/slow`, { timeoutMs: 300 });
    expect(message).toContain('The server did not answer within');
  });

  it('points from a blog page to the feed the page names', async () => {
    const message = await failedImport(`${origin}/blog/`);
    expect(message).toContain('It is not an RSS, Atom or JSON feed.');
    expect(message).toContain('it names its feed at /feed/');
  });

  it('says when nothing listens at the address', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await failedImport(`http://127.0.0.1:${port}/feed/`)).toContain('It could not be fetched (ECONNREFUSED)');
  });
});

describe('unusable feed files', () => {
  it('an empty file', async () => {
    const file = await fileWith('empty.xml', '  \n');
    expect(await failedImport(file)).toContain(`${file} error: The feed is empty. [import/empty]`);
  });

  it('an RSS feed cut short', async () => {
    const file = await fileWith('cut.xml', RSS_FULL.slice(0, RSS_FULL.indexOf('</item>') + 7));
    expect(await failedImport(file)).toContain('The feed is not well-formed XML (it stops before the closing </rss>): it may be cut short or damaged.');
  });

  it('an RSS feed cut off right after its first <item>, with no XML declaration', async () => {
    const file = await fileWith('stub.xml', '<rss><channel><item>');
    const output = await failedImport(file);
    expect(output).toContain(`${file} error: `);
    expect(output).toContain('it may be cut short or damaged');
    expect(output).not.toContain('unexpected error');
  });

  it('a JSON Feed cut short', async () => {
    const file = await fileWith('cut.json', JSON_FEED.slice(0, 200));
    expect(await failedImport(file)).toContain('It is not valid JSON');
  });

  it('XML that is not a feed', async () => {
    const file = await fileWith('sitemap.xml', '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/</loc></url></urlset>');
    expect(await failedImport(file)).toContain('It is not an RSS, Atom or JSON feed.');
  });

  it('plain text', async () => {
    const file = await fileWith('notes.txt', 'Remember to export the blog.');
    expect(await failedImport(file)).toContain('It is not an RSS, Atom or JSON feed.');
  });

  it('a feed with no items', async () => {
    const file = await fileWith('none.xml', '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://x.example/</link><description>D</description></channel></rss>');
    expect(await failedImport(file)).toContain('The feed has no items, so there is nothing to import.');
  });

  it('a file that is not there', async () => {
    const file = path.join(await tempFolder(), 'nope.xml');
    expect(await failedImport(file)).toContain('There is no such file.');
  });
});
