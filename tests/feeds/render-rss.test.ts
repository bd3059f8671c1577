// RSS 2.0 read back with feedsmith: what a feed reader would show.
import { parseRssFeed } from 'feedsmith';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { siteFeed, tagFeed } from '../../src/feeds/feed-items.js';
import { renderRss } from '../../src/feeds/render-rss.js';
import { makeSite } from '../support/make-site.js';

describe('renderRss', () => {
  const site = makeSite();
  const xml = renderRss(siteFeed(site, '/feed.xml'), site);
  const feed = parseRssFeed(xml);

  it('is well-formed and describes the site with a self link', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(feed.title).toBe('Children’s Services Blog');
    expect(feed.link).toBe('https://blog.example.org/');
    expect(feed.language).toBe('en-GB');
    expect(feed.atom?.links).toContainEqual(expect.objectContaining({ href: 'https://blog.example.org/feed.xml', rel: 'self' }));
    expect(feed.lastBuildDate).toBe('Wed, 01 May 2024 09:00:00 GMT');
  });

  it('lists posts newest first with absolute links, stable guids and RFC 822 dates', () => {
    expect(feed.items?.map((item) => item.title)).toEqual(['Family hubs: the first year', 'What Ofsted told us', 'Care review: next steps', 'Winter pressures', 'Regional improvement alliance']);
    const [first] = feed.items ?? [];
    expect(first?.link).toBe('https://blog.example.org/2024/05/family-hubs-the-first-year/');
    expect(first?.guid).toEqual({ value: 'https://blog.example.org/2024/05/family-hubs-the-first-year/', isPermaLink: true });
    expect(new Date(first?.pubDate ?? '').toISOString()).toBe('2024-05-01T09:00:00.000Z');
    // 23:30 UTC on 31 March is 00:30 BST on 1 April: the URL is April's.
    expect(feed.items?.[2]?.link).toBe('https://blog.example.org/2024/04/care-review-next-steps/');
  });

  it('carries full HTML with absolute links, creators and categories', () => {
    const ofsted = feed.items?.find((item) => item.title === 'What Ofsted told us');
    expect(ofsted?.content?.encoded).toContain('<a href="https://blog.example.org/about/">about us</a>');
    expect(ofsted?.dc?.creators).toEqual(['Jo Bloggs', 'Sam Patel']);
    expect(ofsted?.categories).toEqual([
      { name: 'Inspection', domain: 'https://blog.example.org/tag/inspection/' },
      { name: 'Ofsted', domain: 'https://blog.example.org/tag/ofsted/' },
    ]);
    expect(feed.items?.find((item) => item.title === 'Winter pressures')?.description).toBe('Demand rose again.');
  });

  it('shows markup in a plain-text summary as text in the description', () => {
    const hostile = makeSite({ posts: [{ title: 'T', date: '2024-01-01', summary: 'Use <b>bold</b> & "quotes"' }] });
    const item = parseRssFeed(renderRss(siteFeed(hostile, '/feed.xml'), hostile)).items?.[0];
    // The description is HTML to a reader: once decoded as HTML it must read as the summary.
    expect(item?.description).toBe('Use &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot;');
  });

  it('caps items at feedItems, in the site feed and in tag feeds', () => {
    const capped = makeSite({
      config: { feedItems: 1 },
      posts: [
        { title: 'Old', date: '2024-01-01', tags: ['Ofsted'] },
        { title: 'New', date: '2024-02-01', tags: ['Ofsted'] },
      ],
    });
    expect(parseRssFeed(renderRss(siteFeed(capped, '/feed.xml'), capped)).items?.map((item) => item.title)).toEqual(['New']);
    const tag = capped.tagsBySlug.get('ofsted');
    if (!tag) throw new Error('tag missing');
    const tagXml = renderRss(tagFeed(capped, tag), capped);
    const parsed = parseRssFeed(tagXml);
    expect(parsed.items?.map((item) => item.title)).toEqual(['New']);
    expect(parsed.title).toBe('Children’s Services Blog: Ofsted');
    expect(parsed.link).toBe('https://blog.example.org/tag/ofsted/');
    expect(parsed.atom?.links?.[0]?.href).toBe('https://blog.example.org/tag/ofsted/feed.xml');
  });

  it('uses a base URL with a path for every link', () => {
    const sub = makeSite({ config: { url: 'https://council.example.gov.uk/blog' } });
    const parsed = parseRssFeed(renderRss(siteFeed(sub, '/feed.xml'), sub));
    expect(parsed.link).toBe('https://council.example.gov.uk/blog/');
    expect(parsed.items?.[0]?.link).toBe('https://council.example.gov.uk/blog/2024/05/family-hubs-the-first-year/');
  });
});
