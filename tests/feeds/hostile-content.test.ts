// A title, tag, author name, summary and event text full of markup, CDATA terminators, quotes,
// control characters and astral characters, checked in every output format by parsing the
// output back with a real parser: what a reader sees must be exactly what the writer wrote.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/build.js';
import { copyFixture, fixturePath, readText, readTree, textOf } from '../support/site-folder.js';

const HOSTILE = (JSON.parse(readFileSync(path.join(fixturePath('hostile'), 'hostile.json'), 'utf8')) as { text: string }).text;
/** No output format can show C0 control characters, so they (and only they) are dropped on the way in. */
const WITHOUT_CONTROLS = HOSTILE.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

const htmlDecode = (value: string): string => value.replace(/&(lt|gt|quot|#39|amp);/g, (_match, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name] ?? '');

let result: BuildResult;
const read = (file: string): Promise<string> => readText(result.outDir, file);

beforeAll(async () => {
  const root = await copyFixture('hostile');
  result = await build({ root, outDir: path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'sp-hostile-')), 'site'), now: '2024-05-15T12:00:00Z', cache: false });
});

describe('hostile text in HTML', () => {
  it('never appears as markup in any page', async () => {
    for (const [file, bytes] of await readTree(result.outDir)) {
      if (!file.endsWith('.html')) continue;
      const html = bytes.toString('utf8');
      expect(html, file).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
      expect(html, file).not.toContain('<script>alert(1)');
      expect(html, file).not.toContain('<img src=x');
      expect(html, file).not.toContain('<b>fixture</b>');
    }
  });

  it('shows the exact text to readers of the post, tag and author pages', async () => {
    const post = result.site.posts.find((candidate) => candidate.title === WITHOUT_CONTROLS);
    expect(post).toBeDefined();
    const visible = textOf(await read(`${post?.url.slice(1)}index.html`));
    expect(visible).toContain(WITHOUT_CONTROLS.replace(/\s+/g, ' '));
    const tag = post?.tags.find((candidate) => candidate.name === WITHOUT_CONTROLS);
    expect(textOf(await read(`${decodeURIComponent(tag?.url.slice(1) ?? '')}index.html`))).toContain(`Posts Tagged ‘${WITHOUT_CONTROLS.replace(/\s+/g, ' ')}’`);
  });

  it('keeps JSON-LD inside its script element and equal to the original', async () => {
    const post = result.site.posts.find((candidate) => candidate.title === WITHOUT_CONTROLS);
    const html = await read(`${post?.url.slice(1)}index.html`);
    const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    const data = JSON.parse(scripts[0]?.[1] ?? '{}') as { headline: string; author: { name: string }[] };
    expect(data.headline).toBe(WITHOUT_CONTROLS);
    expect(data.author[0]?.name).toBe(WITHOUT_CONTROLS);
    const eventHtml = await read('events/hostile-event/index.html');
    const eventData = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(eventHtml)?.[1] ?? '{}') as { name: string };
    expect(eventData.name).toBe(WITHOUT_CONTROLS);
  });
});

describe('hostile text in feeds', () => {
  it.each(['feed.xml', 'atom.xml', 'sitemap.xml'])('%s is well-formed XML', async (file) => {
    expect(XMLValidator.validate(await read(file))).toBe(true);
  });

  it('round-trips through RSS (site and tag feeds)', async () => {
    const rss = parseRssFeed(await read('feed.xml'));
    const item = rss.items?.find((candidate) => candidate.title === WITHOUT_CONTROLS);
    expect(item).toBeDefined();
    // `description` is HTML to a reader, so the plain-text summary arrives HTML-escaped and reads back exactly.
    expect(item?.description).not.toContain('<');
    expect(htmlDecode(item?.description ?? '')).toBe(WITHOUT_CONTROLS);
    expect(item?.dc?.creators).toEqual([WITHOUT_CONTROLS]);
    expect(item?.categories?.map((category) => category.name)).toContain(WITHOUT_CONTROLS);
    const tag = result.site.tags.find((candidate) => candidate.name === WITHOUT_CONTROLS);
    const tagFeed = await read(decodeURIComponent(tag?.feedUrl.slice(1) ?? ''));
    expect(XMLValidator.validate(tagFeed)).toBe(true);
    expect(parseRssFeed(tagFeed).title).toBe(`Hostile & <b>fixture</b>: ${WITHOUT_CONTROLS}`);
  });

  it('round-trips through Atom as plain text, not HTML', async () => {
    const atom = parseAtomFeed(await read('atom.xml'));
    const entry = atom.entries?.find((candidate) => candidate.title?.value === WITHOUT_CONTROLS);
    expect(entry?.title?.type).toBe('text');
    expect(entry?.summary?.value).toBe(WITHOUT_CONTROLS);
    expect(entry?.authors?.[0]?.name).toBe(WITHOUT_CONTROLS);
  });

  it('round-trips through JSON Feed exactly', async () => {
    const json = parseJsonFeed(JSON.parse(await read('feed.json')));
    const item = json.items?.find((candidate) => candidate.title === WITHOUT_CONTROLS);
    expect(item?.summary).toBe(WITHOUT_CONTROLS);
    expect(item?.authors?.[0]?.name).toBe(WITHOUT_CONTROLS);
    expect(item?.tags).toContain(WITHOUT_CONTROLS);
  });
});

/** Unfold (RFC 5545 §3.1) and unescape TEXT values (§3.3.11). */
function icsProperties(ics: string): Map<string, string> {
  const unfolded = ics.replace(/\r\n[ \t]/g, '');
  const properties = new Map<string, string>();
  for (const line of unfolded.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).split(';')[0] ?? '';
    const value = line.slice(colon + 1).replace(/\\([\\;,nN])/g, (_match, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
    properties.set(name, value);
  }
  return properties;
}

describe('hostile text in iCalendar', () => {
  it.each(['events.ics', 'events/hostile-event/event.ics'])('%s folds lines at 75 octets, uses CRLF and round-trips the text', async (file) => {
    const ics = await read(file);
    const lines = ics.split('\r\n');
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    const properties = icsProperties(ics);
    expect(properties.get('SUMMARY')).toBe(WITHOUT_CONTROLS);
    expect(properties.get('LOCATION')).toBe(`Room 1, Floor 2; Building "A"\nsecond line ${WITHOUT_CONTROLS}`);
    expect(properties.get('DTSTART')).toBe('20240601T090000Z');
  });
});
