// Atom 1.0 read back with feedsmith.
import { parseAtomFeed } from 'feedsmith';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { siteFeed } from '../../src/feeds/feed-items.js';
import { renderAtom } from '../../src/feeds/render-atom.js';
import { makeSite } from '../support/make-site.js';

describe('renderAtom', () => {
  const site = makeSite({
    posts: [
      { title: 'What Ofsted told us', date: '2024-04-02T08:00:00Z', updated: '2024-04-10T10:00:00Z', tags: ['Ofsted'], authors: ['jo-bloggs', 'guest'], summary: 'Good, with outstanding leadership.' },
      { title: 'Earlier', date: '2024-03-01T08:00:00Z' },
    ],
  });
  const xml = renderAtom(siteFeed(site, '/atom.xml'), site);
  const feed = parseAtomFeed(xml);

  it('is well-formed with id, self link and updated from the newest change', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(feed.id).toBe('https://blog.example.org/atom.xml');
    expect(feed.title).toEqual({ value: 'Children’s Services Blog', type: 'text' });
    expect(feed.links).toContainEqual(expect.objectContaining({ rel: 'self', href: 'https://blog.example.org/atom.xml' }));
    expect(feed.updated).toBe('2024-04-10T10:00:00.000Z');
  });

  it('gives each entry text title and summary, HTML content, dates, authors and categories', () => {
    const entry = feed.entries?.[0];
    expect(entry?.id).toBe('https://blog.example.org/2024/04/what-ofsted-told-us/');
    expect(entry?.title).toEqual({ value: 'What Ofsted told us', type: 'text' });
    expect(entry?.summary).toEqual({ value: 'Good, with outstanding leadership.', type: 'text' });
    expect(entry?.content?.type).toBe('html');
    expect(entry?.content?.value).toContain('href="https://blog.example.org/about/"');
    expect(entry?.published).toBe('2024-04-02T08:00:00.000Z');
    expect(entry?.updated).toBe('2024-04-10T10:00:00.000Z');
    // A key missing from authors.yml still names the author, without a link to a page that does not exist.
    expect(entry?.authors).toEqual([{ name: 'Jo Bloggs', uri: 'https://blog.example.org/author/jo-bloggs/' }, { name: 'guest' }]);
    expect(entry?.categories?.[0]).toMatchObject({ term: 'ofsted', label: 'Ofsted' });
    expect(feed.entries?.[1]?.updated).toBe('2024-03-01T08:00:00.000Z');
  });
});
