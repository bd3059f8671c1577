// A blog published under a path (https://council.example.gov.uk/blog/): the built output, served
// by a plain static server under /blog/, has no broken link, stylesheet, image or feed anywhere.
// The same crawl at the root of a host proves root sites still work.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { copyExample, EXAMPLE_NOW } from '../support/example-build.js';
import { serveStatic, type StaticServer } from '../support/serve-static.js';

const PUBLIC_ORIGIN = 'https://council.example.gov.uk';

interface Crawl {
  /** Output files, relative to the output folder. */
  readonly files: readonly string[];
  readonly outDir: string;
  readonly server: StaticServer;
  /** The public URL of the site, ending in `/`. */
  readonly publicBase: string;
  /** The path the output is mounted at, `/blog/` or `/`. */
  readonly mount: string;
}

/** Every string in a JSON-LD value that is an absolute URL. */
function urlsInJson(value: unknown): string[] {
  if (typeof value === 'string') return /^https?:\/\//.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(urlsInJson);
  return value && typeof value === 'object' ? Object.values(value).flatMap(urlsInJson) : [];
}

/** URLs an element holds: links and sources, Open Graph URLs, and those in JSON-LD. */
function urlsOfElement(element: Element): string[] {
  const { href, src, srcSet, poster, property, content, type } = element.properties;
  const found = [href, src, poster].filter((value): value is string => typeof value === 'string');
  if (Array.isArray(srcSet)) found.push(...srcSet.map((candidate) => String(candidate).trim().split(/\s+/)[0] ?? ''));
  else if (typeof srcSet === 'string') found.push(...srcSet.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? ''));
  if (element.tagName === 'meta' && (property === 'og:url' || property === 'og:image') && typeof content === 'string') found.push(content);
  if (element.tagName === 'script' && type === 'application/ld+json') {
    const text = element.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
    found.push(...urlsInJson(JSON.parse(text)));
  }
  return found;
}

/** Every URL of every element of a parsed page. */
function linksOf(tree: Root | RootContent): string[] {
  const found: string[] = [];
  const visit = (node: Root | RootContent): void => {
    if (node.type === 'element') found.push(...urlsOfElement(node));
    if ('children' in node) node.children.forEach(visit);
  };
  visit(tree);
  return found;
}

/** The page URL on the test server of an output file: `2026/05/x/index.html` → `/blog/2026/05/x/`. */
function pagePath(file: string, mount: string): string {
  return `${mount}${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

/**
 * Map a link found on a page to the URL to fetch from the test server, or undefined when it
 * leaves the site (another host, `mailto:`). Absolute links to the site's own public host are
 * followed too, so canonical, Open Graph and feed links are checked like the rest.
 */
function toLocal(link: string, page: URL, crawl: Crawl): URL | undefined {
  const resolved = new URL(link, page);
  if (resolved.origin === PUBLIC_ORIGIN) return new URL(`${resolved.pathname}${resolved.search}`, crawl.server.url);
  return resolved.origin === page.origin ? resolved : undefined;
}

async function startCrawl(baseUrl: string, mount: string): Promise<Crawl> {
  const root = await copyExample();
  const result = await build({ root, now: EXAMPLE_NOW, cache: false, baseUrl });
  const server = await serveStatic(result.outDir, mount);
  return { files: result.files, outDir: result.outDir, server, publicBase: `${baseUrl.replace(/\/$/, '')}/`, mount };
}

/** Fetch every page of the output, collect every link on it, then fetch each link once. */
async function crawlLinks(crawl: Crawl): Promise<{ checked: Map<string, number>; from: Map<string, string> }> {
  const checked = new Map<string, number>();
  const from = new Map<string, string>();
  for (const file of crawl.files.filter((name) => name.endsWith('.html'))) {
    const page = new URL(pagePath(file, crawl.mount), crawl.server.url);
    const response = await fetch(page, { redirect: 'manual' });
    checked.set(page.pathname, response.status);
    for (const link of linksOf(fromHtml(await response.text()))) {
      const target = toLocal(link, page, crawl);
      if (!target) continue;
      target.hash = '';
      if (!from.has(target.href)) from.set(target.href, `${page.pathname} → ${link}`);
    }
  }
  for (const target of from.keys()) {
    if (checked.has(new URL(target).pathname)) continue;
    const response = await fetch(target, { redirect: 'manual' });
    checked.set(new URL(target).pathname, response.status);
  }
  return { checked, from };
}

function broken(result: { checked: Map<string, number>; from: Map<string, string> }, crawl: Crawl): string[] {
  return [...result.from]
    .map(([target, where]) => ({ target, where, status: result.checked.get(new URL(target).pathname) }))
    .filter(({ target, status }) => status !== 200 || !new URL(target).pathname.startsWith(crawl.mount))
    .map(({ where, status }) => `${where} (${status})`);
}

/** Links in the feeds and the sitemap: all absolute, all under the site's public base, all served. */
async function feedLinks(crawl: Crawl): Promise<string[]> {
  const read = (file: string): Promise<string> => fs.readFile(path.join(crawl.outDir, file), 'utf8');
  const rss = await read('feed.xml');
  const atom = await read('atom.xml');
  const json = JSON.parse(await read('feed.json')) as { home_page_url: string; feed_url: string; items: { url: string; content_html: string; image?: string }[] };
  const sitemap = await read('sitemap.xml');
  // Calendar lines are folded at 75 octets; a continuation starts with a space.
  const calendar = (await read('events.ics')).replace(/\r?\n[ \t]/g, '');
  const tagFeed = crawl.files.find((file) => /^tag\/[^/]+\/feed\.xml$/.test(file)) ?? '';
  return [
    ...[...rss.matchAll(/<link>([^<]+)<\/link>/g)].map((match) => match[1] ?? ''),
    ...[...(await read(tagFeed)).matchAll(/<link>([^<]+)<\/link>/g)].map((match) => match[1] ?? ''),
    ...[...atom.matchAll(/<link rel="alternate" type="text\/html" href="([^"]+)"/g)].map((match) => match[1] ?? ''),
    json.home_page_url,
    json.feed_url,
    ...json.items.flatMap((item) => [item.url, ...(item.image ? [item.image] : [])]),
    // Links inside the post bodies, made absolute for feed readers.
    ...json.items.flatMap((item) => linksOf(fromHtml(item.content_html, { fragment: true })).filter((link) => link.startsWith(PUBLIC_ORIGIN))),
    ...[...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1] ?? ''),
    ...[...calendar.matchAll(/^URL[^:]*:(.+)$/gm)].map((match) => (match[1] ?? '').trim()),
  ];
}

async function unservedFeedLinks(crawl: Crawl): Promise<string[]> {
  const links = await feedLinks(crawl);
  const bad: string[] = [];
  for (const link of new Set(links)) {
    if (!link.startsWith(crawl.publicBase)) {
      bad.push(`${link} is not under ${crawl.publicBase}`);
      continue;
    }
    const local = new URL(new URL(link).pathname, crawl.server.url);
    const status = (await fetch(local, { redirect: 'manual' })).status;
    if (status !== 200) bad.push(`${link} (${status})`);
  }
  return bad;
}

describe.each([
  { label: 'under /blog/', baseUrl: `${PUBLIC_ORIGIN}/blog`, mount: '/blog/' },
  { label: 'at the root', baseUrl: PUBLIC_ORIGIN, mount: '/' },
])('the example site published $label', ({ baseUrl, mount }) => {
  let crawl: Crawl;
  beforeAll(async () => {
    crawl = await startCrawl(baseUrl, mount);
  }, 120_000);
  afterAll(async () => crawl?.server.close());

  it('has no broken href, src, srcset, Open Graph or JSON-LD URL on any page', async () => {
    const result = await crawlLinks(crawl);
    expect(broken(result, crawl)).toEqual([]);
    // The crawl really went everywhere: the stylesheet, an avatar, a static image, a tag page,
    // a calendar file and the post linked from a Markdown body were all among the links.
    const paths = [...result.from.keys()].map((target) => new URL(target).pathname);
    expect(paths.some((link) => new RegExp(`^${mount}assets/css/site\\.[0-9a-f]{10}\\.css$`).test(link))).toBe(true);
    for (const expected of ['images/avatars/helen.svg', 'images/family-hub.svg', 'tags/', 'events.ics', 'feed.xml', 'events/regional-leadership-conference/']) {
      expect(paths).toContain(`${mount}${expected}`);
    }
    expect(paths.length).toBeGreaterThan(80);
    // Absolute URLs of the site (canonical, Open Graph, JSON-LD, feed links) were followed too.
    expect([...result.from.values()].some((where) => where.includes(`→ ${crawl.publicBase}images/family-hub.svg`))).toBe(true);
  }, 120_000);

  it('links every feed item, calendar entry and sitemap entry under the public base URL', async () => {
    expect(await unservedFeedLinks(crawl)).toEqual([]);
  }, 180_000);

  it('leaves no root-relative link outside the base path in any HTML file', async () => {
    const outside: string[] = [];
    for (const file of crawl.files.filter((name) => name.endsWith('.html'))) {
      const links = linksOf(fromHtml(await fs.readFile(path.join(crawl.outDir, file), 'utf8')));
      outside.push(...links.filter((link) => link.startsWith('/') && !link.startsWith('//') && !link.startsWith(mount)).map((link) => `${file}: ${link}`));
    }
    expect(outside).toEqual([]);
  });
});
