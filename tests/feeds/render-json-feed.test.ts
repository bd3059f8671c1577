// JSON Feed 1.1 read back with feedsmith.
import { parseJsonFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { siteFeed } from '../../src/feeds/feed-items.js';
import { renderJsonFeed } from '../../src/feeds/render-json-feed.js';
import { makeSite } from '../support/make-site.js';

describe('renderJsonFeed', () => {
  const site = makeSite();
  const text = renderJsonFeed(siteFeed(site, '/feed.json'), site);
  const raw = JSON.parse(text) as Record<string, unknown>;
  const feed = parseJsonFeed(raw);

  it('declares version 1.1 with home and feed URLs', () => {
    expect(raw.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe('Children’s Services Blog');
    expect(feed.home_page_url).toBe('https://blog.example.org/');
    expect(feed.feed_url).toBe('https://blog.example.org/feed.json');
    expect(feed.language).toBe('en-GB');
  });

  it('has items with ids, dates, HTML, summary, authors, tags and absolute images', () => {
    const ofsted = feed.items?.find((item) => item.title === 'What Ofsted told us');
    expect(ofsted?.id).toBe('https://blog.example.org/2024/04/what-ofsted-told-us/');
    expect(ofsted?.url).toBe(ofsted?.id);
    expect(ofsted?.date_published).toBe('2024-04-02T08:00:00.000Z');
    expect(ofsted?.date_modified).toBe('2024-04-10T10:00:00.000Z');
    expect(ofsted?.content_html).toContain('href="https://blog.example.org/about/"');
    expect(ofsted?.image).toBe('https://blog.example.org/images/ofsted.jpg');
    expect(ofsted?.authors?.map((author) => author.name)).toEqual(['Jo Bloggs', 'Sam Patel']);
    expect(ofsted?.tags).toEqual(['Inspection', 'Ofsted']);
    expect(feed.items?.find((item) => item.title === 'Winter pressures')?.summary).toBe('Demand rose again.');
  });

  it('ends with a newline and leaves out modified dates never set', () => {
    expect(text.endsWith('}\n')).toBe(true);
    expect(feed.items?.[0]?.date_modified).toBeUndefined();
  });
});
