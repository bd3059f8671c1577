// renderFeeds as a whole: which files, byte-for-byte determinism, and hostile text in a title,
// tag, author name, summary and event, read back from every format with a real parser.
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it, vi } from 'vitest';
import { renderFeeds } from '../../src/feeds/render-feeds.js';
import type { Site } from '../../src/model/types.js';
import type { OutputFile } from '../../src/shared/output-file.js';
import { planRoutes } from '../../src/routes/plan-routes.js';
import { slugify } from '../../src/shared/slug.js';
import { makeSite } from '../support/make-site.js';

function render(site: Site): Map<string, string> {
  const { value, problems } = renderFeeds(site, planRoutes(site).value);
  expect(problems).toEqual([]);
  return new Map(value.map((file: OutputFile) => [file.path, 'contents' in file ? String(file.contents) : '']));
}

describe('renderFeeds', () => {
  it('writes the site feeds, one RSS per tag, the calendars, the sitemap and robots.txt', () => {
    const files = render(makeSite());
    expect([...files.keys()].sort()).toEqual([
      'atom.xml',
      'events.ics',
      'events/foster-carer-evening/event.ics',
      'events/regional-conference/event.ics',
      'events/spring-briefing/event.ics',
      'feed.json',
      'feed.xml',
      'robots.txt',
      'sitemap.xml',
      'tag/care-review/feed.xml',
      'tag/childrens-services/feed.xml',
      'tag/early-help/feed.xml',
      'tag/family-hubs/feed.xml',
      'tag/inspection/feed.xml',
      'tag/ofsted/feed.xml',
    ]);
    const single = files.get('events/regional-conference/event.ics') ?? '';
    expect(single.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(files.get('events.ics')?.match(/BEGIN:VEVENT/g)).toHaveLength(3);
  });

  it('gives byte-identical files for the same site, whatever the real clock', () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2020-02-02T02:02:02Z'));
      const first = render(makeSite());
      vi.setSystemTime(new Date('2035-09-09T09:09:09Z'));
      const second = render(makeSite());
      expect([...second]).toEqual([...first]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes empty but valid feeds for a site with no posts or events', () => {
    const files = render(makeSite({ posts: [], events: [] }));
    expect(parseRssFeed(files.get('feed.xml') ?? '').items ?? []).toEqual([]);
    expect(XMLValidator.validate(files.get('atom.xml') ?? '')).toBe(true);
    expect(files.get('events.ics')).toContain('BEGIN:VCALENDAR');
  });
});

const CONTROLS = '\u0000\u0007\u001b';
const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', ']]>', '</script>', `bell${CONTROLS}end`, 'emoji 🏳️‍🌈 astral 𝄞 & ’quotes’'];
const shown = (value: string): string => value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
const htmlDecode = (value: string): string => value.replace(/&(lt|gt|quot|#39|amp);/g, (_match, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name] ?? '');

function hostileSite(value: string): Site {
  return makeSite({
    config: { title: `Site ${value}` },
    authors: [{ key: 'x', name: value }],
    posts: [{ title: value, date: '2024-05-01T09:00:00Z', tags: [value, 'Plain'], authors: ['x'], summary: value, html: '<p>Body.</p>' }],
    events: [{ title: value, start: '2024-06-01T09:00:00Z', location: value, summary: value }],
  });
}

describe.each(HOSTILE)('hostile text %j', (value) => {
  const files = render(hostileSite(value));
  const expected = shown(value);
  /** The model drops a tag with nothing to slug (`]]>`); the rest must come through as written. */
  const hasTag = slugify(value) !== '';
  const tagNames = hasTag ? [expected, 'Plain'] : ['Plain'];
  const get = (file: string): string => files.get(file) ?? '';

  it('is well-formed XML and free of control characters in every XML file', () => {
    for (const [file, contents] of files) {
      if (!file.endsWith('.xml')) continue;
      expect(XMLValidator.validate(contents), file).toBe(true);
      expect(contents, file).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    }
  });

  it('round-trips through RSS, site feed and tag feed', () => {
    const item = parseRssFeed(get('feed.xml')).items?.[0];
    expect(item?.title).toBe(expected);
    expect(item?.dc?.creators).toEqual([expected]);
    expect(item?.categories?.map((category) => category.name)).toEqual(tagNames);
    expect(htmlDecode(item?.description ?? '')).toBe(expected);
    if (hasTag) expect(parseRssFeed(get(`tag/${slugify(value)}/feed.xml`)).title).toBe(`Site ${expected}: ${expected}`);
    expect(parseRssFeed(get('tag/plain/feed.xml')).items?.[0]?.title).toBe(expected);
  });

  it('round-trips through Atom as plain text', () => {
    const feed = parseAtomFeed(get('atom.xml'));
    const entry = feed.entries?.[0];
    expect(feed.title).toEqual({ value: `Site ${expected}`, type: 'text' });
    expect(entry?.title).toEqual({ value: expected, type: 'text' });
    expect(entry?.summary).toEqual({ value: expected, type: 'text' });
    expect(entry?.authors?.[0]?.name).toBe(expected);
    expect(entry?.categories?.map((category) => category.label)).toEqual(tagNames);
  });

  it('round-trips through JSON Feed', () => {
    const item = parseJsonFeed(JSON.parse(get('feed.json'))).items?.[0];
    expect(item?.title).toBe(expected);
    expect(item?.summary).toBe(expected);
    expect(item?.authors?.[0]?.name).toBe(expected);
    expect(item?.tags).toEqual(tagNames);
  });

  it('round-trips through iCalendar, folded at 75 octets', () => {
    for (const file of ['events.ics', [...files.keys()].find((name) => name.endsWith('/event.ics')) ?? '']) {
      const ics = get(file);
      for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
      const unfolded = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
      const property = (name: string): string | undefined =>
        unfolded
          .find((line) => line.startsWith(`${name}:`))
          ?.slice(name.length + 1)
          .replace(/\\([\\;,nN])/g, (_match, char: string) => (char.toLowerCase() === 'n' ? '\n' : char));
      expect(property('SUMMARY'), file).toBe(expected);
      expect(property('LOCATION'), file).toBe(expected);
      expect(property('DESCRIPTION'), file).toBe(expected);
    }
  });

  it('keeps sitemap URLs intact', () => {
    const sitemap = new XMLParser().parse(get('sitemap.xml')) as { urlset: { url: { loc: string }[] } };
    // Percent-encoded (a tag may keep emoji or non-Latin letters) and already in the form a URL parser prints.
    for (const url of sitemap.urlset.url) {
      expect(url.loc).toMatch(/^https:\/\/blog\.example\.org\/[a-z0-9/.%A-F-]*$/);
      expect(new URL(url.loc).href).toBe(url.loc);
    }
  });
});
