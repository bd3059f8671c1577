// What the feed reader takes from less common feed shapes: RSS 1.0, Media RSS thumbnails, Atom enclosures,
// sloppy dates, and the slugs old addresses give.
import { describe, expect, it } from 'vitest';
import { frontMatterDate, parseFeedDate } from '../../src/import/feed-dates.js';
import { slugFromLink } from '../../src/import/feed-names.js';
import { parseDateValue } from '../../src/shared/dates.js';
import { parseFeedText } from '../../src/import/feed-parse.js';

describe('parseFeedText', () => {
  it('reads RSS 1.0 (RDF) items with dc:creator and dc:date', () => {
    const feed = parseFeedText(
      `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel rdf:about="https://old.example.org/"><title>Old blog</title><link>https://old.example.org/</link><description>Notes</description></channel>
  <item rdf:about="https://old.example.org/notes/first"><title>First note</title><link>https://old.example.org/notes/first</link>
    <dc:creator>Rhys Evans</dc:creator><dc:date>2008-04-01T09:00:00+01:00</dc:date><content:encoded>&lt;p&gt;Hello&lt;/p&gt;</content:encoded></item>
</rdf:RDF>`,
      'old.rdf',
    );
    expect(feed.format).toBe('rdf');
    expect(feed.items).toEqual([
      expect.objectContaining({
        title: 'First note',
        guid: 'https://old.example.org/notes/first',
        published: '2008-04-01T09:00:00+01:00',
        authors: [{ name: 'Rhys Evans' }],
        contentHtml: '<p>Hello</p>',
      }),
    ]);
  });

  it('reads JSON Feed 1.0, whose items have one `author`', () => {
    const feed = parseFeedText(
      JSON.stringify({ version: 'https://jsonfeed.org/version/1', title: 'T', home_page_url: 'https://a.example/', items: [{ id: '1', title: 'A', content_text: 'Hi', author: { name: 'Jo Hall' } }] }),
      'old.json',
    );
    expect(feed.items[0]).toMatchObject({ guid: '1', authors: [{ name: 'Jo Hall' }], contentHtml: '<p>Hi</p>' });
  });

  it('takes an image from media:thumbnail and from an Atom enclosure link', () => {
    const rss = parseFeedText(
      `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title><link>https://a.example/</link><description>D</description>
<item><title>A</title><link>https://a.example/a</link><media:thumbnail url="https://a.example/a.jpg"/></item></channel></rss>`,
      'a.xml',
    );
    expect(rss.items[0]?.image).toEqual({ url: 'https://a.example/a.jpg' });
    const atom = parseFeedText(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:t</id><updated>2020-01-01T00:00:00Z</updated>
<entry><title>B</title><id>urn:b</id><updated>2020-01-01T00:00:00Z</updated><link rel="enclosure" type="image/png" href="https://a.example/b.png"/></entry></feed>`,
      'b.xml',
    );
    expect(atom.items[0]?.image).toEqual({ url: 'https://a.example/b.png' });
  });

  it('makes links and images written relative to the feed absolute', () => {
    const feed = parseFeedText(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'T',
        home_page_url: 'https://a.example/blog/',
        items: [{ id: '1', url: '/blog/posts/relative', image: 'img/r.png', content_text: 'Hi' }],
      }),
      'rel.json',
    );
    expect(feed.items[0]).toMatchObject({ link: 'https://a.example/blog/posts/relative', image: { url: 'https://a.example/blog/img/r.png' } });
  });

  it('forgives HTML entities XML does not define and a bare &, as feed readers do', () => {
    const feed = parseFeedText(
      '<?xml version="1.0"?>\n<!-- made by hand -->\n<rss version="2.0"><channel><title>T&nbsp;1</title><link>https://a.example/</link><description>D</description><item><title>Fish & chips</title></item></channel></rss>\n<!-- end -->\n',
      'n.xml',
    );
    expect(feed.items.map((item) => item.title)).toEqual(['Fish & chips']);
  });

  it('refuses a feed cut short between items', () => {
    const whole = '<rss version="2.0"><channel><title>T</title><link>https://a.example/</link><description>D</description><item><title>A</title></item><item><title>B</title></item></channel></rss>';
    expect(() => parseFeedText(whole.slice(0, whole.indexOf('<item><title>B')), 'cut.xml')).toThrow('it stops before the closing </rss>');
  });
});

describe('feed dates', () => {
  it.each([
    ['Sun, 12 May 2019 08:30:00 +0000', '2019-05-12 09:30'],
    ['Sun, 12 May 2019 08:30:00 GMT', '2019-05-12 09:30'],
    ['12 May 2019 08:30:00 GMT', '2019-05-12 09:30'],
    ['2019-12-12T08:30:15Z', '2019-12-12 08:30:15'],
  ])('%s is %s in London', (raw, expected) => {
    const date = parseFeedDate(raw);
    expect(date && frontMatterDate(date, 'Europe/London')).toBe(expected);
  });

  it('writes dates the site reads back as the same instant, even in the hour the clocks go back', () => {
    // 00:30 and 01:30 UTC on 27 October 2019 are both 01:30 on London's clocks.
    for (const instant of ['2019-10-27T00:30:00Z', '2019-10-27T01:30:00Z', '2019-03-31T00:59:00Z', '2019-03-31T01:00:00Z']) {
      const written = frontMatterDate(new Date(instant), 'Europe/London');
      const read = parseDateValue(written, 'Europe/London');
      expect(read.ok && read.date.toISOString(), written).toBe(new Date(instant).toISOString());
    }
  });

  it('reads no date from nonsense', () => {
    expect(parseFeedDate('last Tuesday')).toBeUndefined();
  });
});

describe('slugFromLink', () => {
  it.each([
    ['https://blog.example.gov.uk/2019/05/a-year-on/', 'a-year-on'],
    ['https://example.blogspot.com/2019/05/fostering-fortnight.html', 'fostering-fortnight'],
    ['https://medium.com/@northshire/winter-roads-plan-3f2a1b9c8d7e', 'winter-roads-plan'],
    ['https://news.example.org/p/caf%C3%A9-opening', 'cafe-opening'],
  ])('%s → %s', (link, slug) => {
    expect(slugFromLink(link)).toBe(slug);
  });

  it.each(['https://blog.example.gov.uk/?p=123', 'https://blog.example.gov.uk/notes/17', 'https://blog.example.gov.uk/2019/', 'https://blog.example.gov.uk/index.html', 'not a link'])(
    '%s gives none',
    (link) => {
      expect(slugFromLink(link)).toBeUndefined();
    },
  );
});
