// Old addresses keep working: a WordPress export written for these tests is imported and built, then every
// old address of every published post and page (its <link>, /?p=ID, /?page_id=ID) and the old archive and
// feed addresses are requested from the built site, following redirects, and must end at the right page.
// Twice: on a Netlify-like host that reads _redirects (serve-redirects.ts), and on a plain static host
// (serve-static.ts), where the redirect pages' meta refresh does the work for addresses without a query.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImported, freshSitePath, importFixture } from '../support/import-site.js';
import { serveRedirects } from '../support/serve-redirects.js';
import { serveStatic, type StaticServer } from '../support/serve-static.js';
import { textOf } from '../support/site-folder.js';

/** Every old address of the fixture's published posts and pages, and the title of the page it must reach. */
const OLD_POSTS: [string, string][] = [
  ['/2019/05/12/a-year-on/', 'Children’s services: a year on'],
  ['/?p=101', 'Children’s services: a year on'],
  ['/2020/01/03/cafe-wellbeing-what-we-learned/', 'Café & wellbeing: what we learned'],
  ['/?p=102', 'Café & wellbeing: what we learned'],
  ['/?p=107', 'Winter pressures'],
  ['/2021/10/22/half-term-plans/', 'Half-term plans'],
  ['/?p=108', 'Half-term plans'],
  ['/about/', 'About this blog'],
  ['/?page_id=110', 'About this blog'],
  ['/about/our-team/', 'Our team'],
  ['/?page_id=111', 'Our team'],
];

/** Old archive addresses and a heading the new page shows. */
const OLD_ARCHIVES: [string, string][] = [
  ['/category/childrens-services/', 'Children'],
  ['/category/send-inclusion/', 'SEND & inclusion'],
  ['/tag/ofsted/', 'Ofsted'],
  ['/tag/childrens-rights-2/', 'Children’s rights'],
  ['/author/helen/', 'Helen Marsh'],
  ['/author/sam-okafor/', 'Sam O’Kafor'],
  ['/2019/05/12/', '2019'],
  ['/2019/05/', '2019'],
];

/** Old feed addresses: they must end at a feed. */
const OLD_FEEDS = ['/feed/', '/feed/atom/', '/?feed=rss2', '/tag/ofsted/feed/', '/category/childrens-services/feed/', '/tag/childrens-rights-2/feed/'];

interface Reached {
  readonly status: number;
  readonly url: string;
  readonly body: string;
}

/** Request `address`, following HTTP redirects and meta refreshes (a browser does both), at most 6 hops. */
async function follow(server: StaticServer, address: string): Promise<Reached> {
  let url = `${server.url}${address}`;
  for (let hop = 0; hop < 6; hop += 1) {
    const response = await fetch(url, { redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).href;
      continue;
    }
    const body = await response.text();
    const refresh = /<meta http-equiv="refresh" content="\d+;\s*url=([^"]+)"/i.exec(body);
    if (refresh?.[1]) {
      url = new URL(refresh[1].replace(/&amp;/g, '&'), url).href;
      continue;
    }
    return { status: response.status, url, body };
  }
  throw new Error(`${address}: more than 6 redirects`);
}

const heading = (html: string): string =>
  textOf(/<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '')
    .replace(/\s+/g, ' ')
    .trim();

let output: string;
const servers: StaticServer[] = [];

beforeAll(async () => {
  const site = await freshSitePath();
  expect((await importFixture('wxr-council', site, ['--comments'])).code).toBe(0);
  const built = await buildImported(site);
  expect(built.stderr).not.toMatch(/error/);
  expect(built.code).toBe(0);
  output = path.join(site, '_site');
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe('every old address of every published post resolves to it', () => {
  it('on a host that reads _redirects (Netlify, Cloudflare Pages)', async () => {
    const server = await serveRedirects(output);
    servers.push(server);
    for (const [address, title] of OLD_POSTS) {
      const reached = await follow(server, address);
      expect(reached.status, address).toBe(200);
      expect(heading(reached.body), address).toBe(title);
    }
    for (const [address, text] of OLD_ARCHIVES) {
      const reached = await follow(server, address);
      expect(reached.status, address).toBe(200);
      expect(heading(reached.body), address).toContain(text);
    }
    for (const address of OLD_FEEDS) {
      const reached = await follow(server, address);
      expect(reached.status, address).toBe(200);
      expect(reached.body, address).toMatch(/^<\?xml[\s\S]*<(rss|feed)\b/);
    }
  });

  it('on a plain static host, through the redirect pages (addresses without a query)', async () => {
    const server = await serveStatic(output);
    servers.push(server);
    for (const [address, title] of OLD_POSTS.filter(([address]) => !address.includes('?'))) {
      const reached = await follow(server, address);
      expect(reached.status, address).toBe(200);
      expect(heading(reached.body), address).toBe(title);
    }
    for (const [address, text] of OLD_ARCHIVES) {
      const reached = await follow(server, address);
      expect(reached.status, address).toBe(200);
      expect(heading(reached.body), address).toContain(text);
    }
  });
});

describe('a blog that lived under a path (https://forum.northfield.example.org/news)', () => {
  it('keeps its old addresses under that path', async () => {
    const site = await freshSitePath();
    expect((await importFixture('wxr-legacy', site)).code).toBe(0);
    expect((await buildImported(site)).code).toBe(0);
    const server = await serveRedirects(path.join(site, '_site'), '/news/');
    servers.push(server);
    const expected: [string, string][] = [
      ['/news/parents-evening-dates/', 'Parents’ evening dates'],
      ['/news/?p=5', 'Parents’ evening dates'],
      ['/news/contact/', 'Contact us'],
      ['/news/?page_id=6', 'Contact us'],
      ['/news/category/health-care/', 'Health & care'],
      ['/news/2016/09/14/', '2016'],
    ];
    for (const [address, text] of expected) {
      const reached = await follow(server, address);
      expect(reached.status, address).toBe(200);
      expect(heading(reached.body), address).toContain(text);
    }
  });
});
