// What goes into the search index: each post's and page's title and main text (never markup,
// scripts or entities), its public URL with the base path, and the post's date and tags.
import { describe, expect, it } from 'vitest';
import { textOfHtml } from '../../src/search/html-text.js';
import { recordsDigest, searchRecords } from '../../src/search/search-records.js';
import { makeConfig, makeSite } from '../support/make-site.js';

describe('textOfHtml', () => {
  it('keeps the words a reader sees, decoded, and separates blocks', () => {
    const html = '<h2 id="a">Fish &#x26; chips</h2><p>Cost &lt; £5 at <a href="/x/?a=1&#x26;b=2" title="a > b">the café</a></p><ul><li>peas</li><li>vinegar</li></ul>';
    expect(textOfHtml(html)).toBe('Fish & chips Cost < £5 at the café peas vinegar');
  });

  it('drops scripts, styles, templates and comments', () => {
    expect(textOfHtml('<p>Shown</p><script>var hidden = "<p>no</p>";</script><style>p { color: red }</style><!-- note --><template><p>no</p></template>')).toBe('Shown');
  });
});

describe('searchRecords', () => {
  it('makes one record per post and page with title, text, date and tags', () => {
    const site = makeSite({
      posts: [{ title: 'Family hubs open', date: '2024-05-01T09:00:00Z', tags: ['Early help', 'Family hubs'], html: '<p>Hubs in <strong>every</strong> ward.</p>' }],
      pages: [{ path: 'about', title: 'About us', html: '<p>Who we are.</p>' }],
    });
    const [post, page, ...rest] = searchRecords(site);
    expect(rest).toEqual([]);
    expect(post).toMatchObject({
      url: '/2024/05/family-hubs-open/',
      language: 'en',
      meta: { title: 'Family hubs open', date: '1 May 2024', datetime: '2024-05-01T09:00:00.000Z' },
      filters: { kind: ['post'], tag: ['Early help', 'Family hubs'] },
    });
    expect(post?.content).toBe('Family hubs open. Hubs in every ward.');
    expect(page).toMatchObject({ url: '/about/', meta: { title: 'About us' }, filters: { kind: ['page'] }, content: 'About us. Who we are.' });
  });

  it('gives URLs with the base path of a site published under a path', () => {
    const site = makeSite({ config: makeConfig({ url: 'https://www.council.gov.uk/blog' }), posts: [{ title: 'Winter', date: '2024-01-02T09:00:00Z' }], pages: [] });
    expect(searchRecords(site).map((record) => record.url)).toEqual(['/blog/2024/01/winter/']);
  });

  it('changes its digest when a post’s text changes, and only then', () => {
    const make = (text: string) => searchRecords(makeSite({ posts: [{ title: 'Winter', date: '2024-01-02T09:00:00Z', html: `<p>${text}</p>` }] }));
    expect(recordsDigest(make('Snow'), 'v1')).toBe(recordsDigest(make('Snow'), 'v1'));
    expect(recordsDigest(make('Snow'), 'v1')).not.toBe(recordsDigest(make('Sleet'), 'v1'));
    expect(recordsDigest(make('Snow'), 'v1')).not.toBe(recordsDigest(make('Snow'), 'v2'));
  });
});
