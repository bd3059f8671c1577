// `importFeed` on feeds written for these tests: RSS 2.0 (content:encoded, dc:creator), Atom (several
// authors, a base path), JSON Feed 1.1 and a summary-only RSS. Each import writes a site folder that the
// real build then builds.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { build } from '../../src/build.js';
import { importFeed } from '../../src/import/import-feed.js';
import { serveRedirects } from '../support/serve-redirects.js';
import { exists, readText, readTree } from '../support/site-folder.js';
import { ATOM, JSON_FEED, RSS_FULL, RSS_SUMMARY_ONLY } from './feed-samples.js';

const NOW = new Date('2026-01-01T00:00:00Z');

async function importText(text: string, name: string, options: { siteUrl?: string; media?: string } = {}): Promise<{ site: string; result: Awaited<ReturnType<typeof importFeed>> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-feed-'));
  const file = path.join(dir, name);
  await fs.writeFile(file, text);
  const site = path.join(dir, 'site');
  const result = await importFeed(file, site, { now: NOW, ...options });
  return { site, result };
}

/** A post file's front matter and body, as the site will read them. */
async function post(site: string, file: string): Promise<{ data: Record<string, unknown>; body: string }> {
  const text = await readText(site, file);
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${file} has no front matter:\n${text}`);
  return { data: parse(match[1] ?? '') as Record<string, unknown>, body: match[2] ?? '' };
}

async function buildSite(site: string): Promise<string> {
  const result = await build({ root: site, outDir: path.join(site, '_site'), now: NOW.toISOString(), cache: false });
  return result.outDir;
}

describe('RSS 2.0 with content:encoded and dc:creator', () => {
  it('writes each item as a post with its date, authors, tags, image, guid and redirects', async () => {
    const { site, result } = await importText(RSS_FULL, 'feed.xml');
    expect(result.problems).toEqual([]);
    const files = [...(await readTree(path.join(site, 'posts'))).keys()];
    expect(files).toEqual(['2019-05-12-a-year-on.md', '2019-05-21-fostering-fortnight.md', '2019-06-03-about-our-service.md']);

    const first = await post(site, 'posts/2019-05-12-a-year-on.md');
    expect(first.data).toMatchObject({
      title: 'Children’s services: a year on',
      date: '2019-05-12 09:30', // 08:30 GMT is 09:30 in London in May
      slug: 'a-year-on',
      summary: 'Twelve months of family hubs, told by the people who run them.',
      author: ['helen-okafor'],
      tags: ['SEND & inclusion', "Children's services"],
      image: 'https://blog.northshire.example.gov.uk/wp-content/uploads/2019/05/team.jpg',
      imageAlt: 'The hub team outside Riverside hub',
      guid: 'https://blog.northshire.example.gov.uk/?p=123',
      // The link is already /2019/05/a-year-on/, the new URL; only the ?p= address needs a redirect.
      redirects: ['/?p=123'],
    });
    expect(first.body).toContain('## What changed');
    expect(first.body).toContain('£2m moved into early help');
    expect(first.body).not.toContain('<p>');

    const second = await post(site, 'posts/2019-05-21-fostering-fortnight.md');
    expect(second.data).toMatchObject({
      title: 'Fostering fortnight & you',
      date: '2019-05-21 17:00',
      author: ['sam-reid', 'helen-okafor'],
      // No <guid>: readers knew the item by its link, so the link is the guid.
      guid: 'https://blog.northshire.example.gov.uk/2019/05/fostering-fortnight.html',
      redirects: ['/2019/05/fostering-fortnight.html'],
    });
    // The enclosure is the image the body opens with: not repeated above the post as its lead image.
    expect(second.data).not.toHaveProperty('image');
    expect(second.body).toContain('![A foster family](https://cdn.northshire.example.net/fostering.png)');
  });

  it('imports an item with no date as a draft with the feed’s date, and says so in the report', async () => {
    const { site } = await importText(RSS_FULL, 'feed.xml');
    const dateless = await post(site, 'posts/2019-06-03-about-our-service.md');
    expect(dateless.data).toMatchObject({ title: 'About our service', date: '2019-06-03 11:00', draft: true, guid: 'northshire-page-7', redirects: ['/?page_id=7'] });
    const report = await readText(site, 'import-report.md');
    expect(report).toContain('The item has no date; it was given the feed’s date and imported as a draft.');
  });

  it('writes authors, the old feed address’s redirect and the config from the channel', async () => {
    const { site } = await importText(RSS_FULL, 'feed.xml');
    expect(parse(await readText(site, 'data/authors.yml'))).toEqual({ 'helen-okafor': { name: 'Helen Okafor' }, 'sam-reid': { name: 'Sam Reid' } });
    expect(parse(await readText(site, 'data/redirects.yml'))).toEqual([{ from: '/feed/', to: '/feed.xml' }]);
    const config = JSON.parse(await readText(site, 'sectorpress.config.json')) as Record<string, unknown>;
    expect(config).toMatchObject({
      title: 'Northshire Children’s Services',
      url: 'https://blog.northshire.example.gov.uk',
      description: 'Weekly notes from the director',
      timezone: 'Europe/London',
      language: 'en-GB',
    });
  });

  it('builds: each published post at its new address, the draft nowhere', async () => {
    const { site } = await importText(RSS_FULL, 'feed.xml');
    const out = await buildSite(site);
    expect(await readText(out, '2019/05/a-year-on/index.html')).toContain('What changed');
    expect(await readText(out, '2019/05/fostering-fortnight/index.html')).toContain('Could you foster?');
    for (const [file, bytes] of await readTree(out)) expect(bytes.toString('utf8'), file).not.toContain('We are here to help families');
  });

  it('keeps the old GUIDs in the built RSS, Atom and JSON feeds, and every old address leads to its post', async () => {
    const { site } = await importText(RSS_FULL, 'feed.xml');
    const out = await buildSite(site);
    const oldIds = ['https://blog.northshire.example.gov.uk/2019/05/fostering-fortnight.html', 'https://blog.northshire.example.gov.uk/?p=123'];
    const rss = parseRssFeed(await readText(out, 'feed.xml'));
    expect(rss.items?.map((item) => item.guid?.value).sort()).toEqual(oldIds);
    expect(rss.items?.every((item) => item.guid?.isPermaLink === false)).toBe(true);
    expect(
      parseAtomFeed(await readText(out, 'atom.xml'))
        .entries?.map((entry) => entry.id)
        .sort(),
    ).toEqual(oldIds);
    expect(
      parseJsonFeed(await readText(out, 'feed.json'))
        .items?.map((item) => item.id)
        .sort(),
    ).toEqual(oldIds);
    const server = await serveRedirects(out);
    try {
      for (const [old, target] of [
        ['/?p=123', '/2019/05/a-year-on/'],
        ['/2019/05/fostering-fortnight.html', '/2019/05/fostering-fortnight/'],
        ['/feed/', '/feed.xml'],
      ]) {
        const response = await fetch(`${server.url}${old}`);
        expect([old, response.status, new URL(response.url).pathname]).toEqual([old, 200, target]);
      }
    } finally {
      await server.close();
    }
  });

  it('gives identical files when the same feed is imported again', async () => {
    const { site } = await importText(RSS_FULL, 'feed.xml');
    const before = await readTree(site);
    const again = await importFeed(path.join(path.dirname(site), 'feed.xml'), site, { now: new Date('2026-02-01T00:00:00Z') });
    expect(again.problems).toEqual([]);
    expect(await readTree(site)).toEqual(before);
  });
});

describe('--media with a WordPress feed', () => {
  it('copies the uploads posts use into static/ and points body and image at them', async () => {
    const uploads = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-feed-uploads-'));
    await fs.mkdir(path.join(uploads, '2019', '05'), { recursive: true });
    await fs.writeFile(path.join(uploads, '2019', '05', 'team.jpg'), 'jpeg bytes');
    await fs.writeFile(path.join(uploads, '2019', '05', 'hub-map.png'), 'png bytes');
    const { site, result } = await importText(RSS_FULL, 'feed.xml', { media: uploads });
    expect(result.value?.counts['media files missing']).toBe(0);
    expect(await readText(site, 'static/images/uploads/2019/05/team.jpg')).toBe('jpeg bytes');
    const first = await post(site, 'posts/2019-05-12-a-year-on.md');
    expect(first.data.image).toBe('/images/uploads/2019/05/team.jpg');
    // A resized variant in the body is had as its original.
    expect(first.body).toContain('![Map of the five hubs](/images/uploads/2019/05/hub-map.png)');
    // Not an upload of the old site: left at its address.
    expect((await post(site, 'posts/2019-05-21-fostering-fortnight.md')).body).toContain('](https://cdn.northshire.example.net/fostering.png)');
  });
});

describe('Atom with several authors and categories', () => {
  it('keeps every author, labels as tags, HTML titles as text, and redirects old paths under the base path', async () => {
    const { site, result } = await importText(ATOM, 'atom.xml');
    expect(result.problems).toEqual([]);
    const gritting = await post(site, 'posts/2020-01-14-gritting-update.md');
    expect(gritting.data).toMatchObject({
      title: 'Gritting & winter roads',
      date: '2020-01-14 07:15',
      updated: '2020-01-15 09:00',
      summary: 'Where the gritters go first.',
      author: ['priya-shah', 'tom-oneill'],
      tags: ['Roads & transport', 'winter'],
      guid: 'tag:northshire.example.gov.uk,2020:news/41',
      redirects: ['/2020/gritting-update'],
    });
    expect(gritting.body).toContain('Our _gritters_ treat 40% of roads.');
    // An entry without its own author has the feed's; XHTML content is HTML too.
    const library = await post(site, 'posts/2020-01-20-library-hours.md');
    expect(library.data).toMatchObject({ author: ['press-office'], date: '2020-01-20 10:00', guid: 'tag:northshire.example.gov.uk,2020:news/42' });
    expect(library.data.updated).toBeUndefined();
    expect(library.body).toContain('Libraries open **late** on Thursdays.');
    expect(parse(await readText(site, 'data/authors.yml'))).toEqual({
      'priya-shah': { name: 'Priya Shah', url: 'https://northshire.example.gov.uk/people/priya' },
      'tom-oneill': { name: 'Tom O’Neill' },
      'press-office': { name: 'Press Office' },
    });
    const config = JSON.parse(await readText(site, 'sectorpress.config.json')) as Record<string, unknown>;
    expect(config).toMatchObject({ title: 'Northshire News', url: 'https://northshire.example.gov.uk/news', description: 'From the council', language: 'en-GB' });
  });

  it('builds the imported site under its base path', async () => {
    const { site } = await importText(ATOM, 'atom.xml');
    const out = await buildSite(site);
    expect(await readText(out, '2020/01/gritting-update/index.html')).toContain('Gritting &amp; winter roads');
  });
});

describe('JSON Feed 1.1', () => {
  it('imports HTML and text items, authors, tags, image, updated date and ids', async () => {
    const { site, result } = await importText(JSON_FEED, 'feed.json');
    expect(result.problems).toEqual([]);
    const trees = await post(site, 'posts/2021-03-08-tree-planting.md');
    expect(trees.data).toMatchObject({
      title: 'Tree planting week',
      date: '2021-03-08 10:00',
      updated: '2021-03-09 16:30',
      summary: 'Volunteers planted 500 trees in Elm Park.',
      author: ['ada-lovell'],
      tags: ['Trees', 'Volunteering'],
      image: 'https://parks.northshire.example.gov.uk/images/trees.jpg',
      guid: 'https://parks.northshire.example.gov.uk/posts/tree-planting',
      redirects: ['/posts/tree-planting'],
    });
    expect(trees.body).toContain('[500 trees](https://woods.example.org/)');
    // No title: its first sentence, and a report line; the number in the link is no slug.
    const [note] = [...(await readTree(path.join(site, 'posts'))).keys()].filter((file) => file.startsWith('2021-06-01-'));
    expect(note).toBe('2021-06-01-the-paddling-pool-opens-on-saturday.md');
    const pool = await post(site, `posts/${note}`);
    expect(pool.data).toMatchObject({ title: 'The paddling pool opens on Saturday', author: ['parks-team'], guid: 'parks-note-17', redirects: ['/notes/17'] });
    expect(pool.body).toContain('Bring sun cream & a hat.');
    expect(await readText(site, 'import-report.md')).toContain('The item has no title; its opening words were used.');
    // The old feed was at /feed.json, where the new one is: no redirect needed.
    expect(await exists(path.join(site, 'data/redirects.yml'))).toBe(false);
  });
});

describe('items without dates in a feed without its own date', () => {
  it('take the newest post’s date as drafts, so importing again later changes nothing', async () => {
    const feed = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Notes',
      home_page_url: 'https://notes.example.org/',
      items: [
        { id: 'a', url: 'https://notes.example.org/a-dated-note', title: 'A dated note', content_text: 'Dated.', date_published: '2023-04-05T10:00:00Z' },
        { id: 'b', url: 'https://notes.example.org/an-undated-note', title: 'An undated note', content_text: 'Undated.' },
      ],
    });
    const { site } = await importText(feed, 'notes.json');
    expect((await post(site, 'posts/2023-04-05-an-undated-note.md')).data).toMatchObject({ date: '2023-04-05 11:00', draft: true });
    const before = await readTree(site);
    await importFeed(path.join(path.dirname(site), 'notes.json'), site, { now: new Date('2027-01-01T00:00:00Z') });
    expect(await readTree(site)).toEqual(before);
    expect(await readText(site, 'import-report.md')).toContain('it was given the date of the feed’s newest post and imported as a draft');
  });
});

describe('a summary-only feed', () => {
  it('imports the summary as the body and flags every such post in the report', async () => {
    const { site, result } = await importText(RSS_SUMMARY_ONLY, 'summary.xml');
    expect(result.value?.counts['posts with summary only']).toBe(1);
    expect(result.value?.counts['posts with full text']).toBe(0);
    const carers = await post(site, 'posts/2022-06-06-carers-week.md');
    expect(carers.body.trim()).toBe('This week we thank the county’s unpaid carers…');
    expect(carers.data).toMatchObject({ author: ['mo-ali'] });
    expect(carers.data).not.toHaveProperty('summary');
    const report = await readText(site, 'import-report.md');
    expect(report).toContain('summary only');
    expect(report).toContain('https://care.northshire.example.gov.uk/blog/carers-week');
    // The e-mail address in <author> is never published.
    for (const [file, bytes] of await readTree(site)) expect(bytes.toString('utf8'), file).not.toContain('press@northshire');
  });
});

describe('a site folder that already has a config', () => {
  it('uses its time zone and post permalink, so old links redirect to the URLs it will build', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sp-feed-config-'));
    const site = path.join(dir, 'site');
    await fs.mkdir(site);
    const config = { title: 'Northshire', url: 'https://blog.northshire.example.gov.uk', timezone: 'UTC', permalinks: { post: '/news/:slug/' } };
    await fs.writeFile(path.join(site, 'sectorpress.config.json'), `${JSON.stringify(config, null, 2)}\n`);
    await fs.writeFile(path.join(dir, 'feed.xml'), RSS_FULL);
    expect((await importFeed(path.join(dir, 'feed.xml'), site, { now: NOW })).problems).toEqual([]);
    const first = await post(site, 'posts/2019-05-12-a-year-on.md');
    expect(first.data).toMatchObject({ date: '2019-05-12 08:30', redirects: ['/2019/05/a-year-on/', '/?p=123'] });
    expect(JSON.parse(await readText(site, 'sectorpress.config.json'))).toEqual(config);
    const out = await buildSite(site);
    expect(await readText(out, 'news/a-year-on/index.html')).toContain('What changed');
  });
});

describe('a site on another host', () => {
  it('writes no redirects for old addresses it cannot answer, and says what to do instead', async () => {
    const { site } = await importText(RSS_FULL, 'feed.xml', { siteUrl: 'https://northshire.example.org' });
    const first = await post(site, 'posts/2019-05-12-a-year-on.md');
    expect(first.data.redirects).toBeUndefined();
    expect(first.data.guid).toBe('https://blog.northshire.example.gov.uk/?p=123');
    expect(await exists(path.join(site, 'data/redirects.yml'))).toBe(false);
    expect(await readText(site, 'import-report.md')).toContain('so the new site cannot redirect their old addresses');
  });
});
