// Built-in helpers, called through a real Handlebars instance as templates call them.
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/types.js';
import { BUILT_IN_HELPERS } from '../../src/render/helpers/built-in-helpers.js';
import { pageLinks } from '../../src/render/helpers/pagination-helpers.js';
import { safeJson } from '../../src/render/json-ld.js';
import type { Site } from '../../src/model/types.js';

const config = {
  url: 'https://example.org/blog',
  basePath: '/blog/',
  title: 'Blog',
  description: '',
  timezone: 'Europe/London',
  language: 'en-GB',
  dateFormats: { long: 'cccc, d LLLL yyyy', short: 'ccc, dd LLL yy HH:mm' },
} as unknown as Config;

const strings = {
  'tags.count.one': '1 post',
  'tags.count.other': '{count} posts',
  'tag.heading': 'Posts Tagged ‘{name}’',
  'pagination.position': 'Page {page} of {pages}',
};

function render(source: string, context: Record<string, unknown> = {}): string {
  const handlebars = Handlebars.create();
  handlebars.registerHelper({ ...BUILT_IN_HELPERS });
  const root = { site: { config } as unknown as Site, strings, assets: new Map([['css/site.css', '/assets/css/site.0123456789.css']]), ...context };
  return handlebars.compile(source)(root);
}

describe('built-in helpers', () => {
  const december = new Date('2019-12-09T10:00:00Z');

  it('formats dates with a named format, in the site zone', () => {
    expect(render('{{formatDate d "long"}}', { d: december })).toBe('Monday, 9 December 2019');
    expect(render('{{formatDate d "short"}}', { d: new Date('2024-07-09T09:00:00Z') })).toBe('Tue, 09 Jul 24 10:00');
    // 23:30 UTC on 31 March 2024 is already 1 April in London (BST).
    expect(render('{{date d}}', { d: new Date('2024-03-31T23:30:00Z') })).toBe('Monday, 1 April 2024');
  });

  it("formats WordPress's long date with an ordinal day", () => {
    expect(render('{{formatDate d "cccc, LLLL do, yyyy"}}', { d: december })).toBe('Monday, December 9th, 2019');
  });

  it('prints nothing for a missing date, and an ISO string for isoDate', () => {
    expect(render('[{{formatDate missing "long"}}]')).toBe('[]');
    expect(render('{{isoDate d}}', { d: december })).toBe('2019-12-09T10:00:00.000Z');
  });

  it('translates with placeholders and plural forms', () => {
    expect(render('{{t "tag.heading" name=name}}', { name: 'Children’s services' })).toBe('Posts Tagged ‘Children’s services’');
    expect(render('{{t "tags.count" count=1}} / {{t "tags.count" count=7}}')).toBe('1 post / 7 posts');
    expect(render('{{t "no.such.key"}}')).toBe('no.such.key');
  });

  it('gives the hashed URL of an asset under the base path, and fails loudly for an unknown one', () => {
    expect(render('{{asset "css/site.css"}}')).toBe('/blog/assets/css/site.0123456789.css');
    expect(() => render('{{asset "css/missing.css"}}')).toThrow(/no theme asset "css\/missing\.css"/);
  });

  it('joins root-relative URLs to a base URL with a path, leaving absolute ones alone', () => {
    expect(render('{{absoluteUrl "/feed.xml"}}')).toBe('https://example.org/blog/feed.xml');
    expect(render('{{absoluteUrl "https://other.example/x"}}')).toBe('https://other.example/x');
  });

  it('puts the base path in front of site-relative URLs only', () => {
    expect(render('{{relUrl "/tags/"}} {{relUrl "/"}} {{relUrl}} {{relUrl u}}', { u: '/2019/12/a-post/' })).toBe('/blog/tags/ /blog/ /blog/ /blog/2019/12/a-post/');
    for (const kept of ['https://other.example/x', '//cdn.example.org/a.js', 'mailto:a@example.org', '#main', 'notes/']) {
      expect(render('{{relUrl u}}', { u: kept })).toBe(Handlebars.escapeExpression(kept));
    }
  });

  it('says "Page 2 of 7" for a pagination', () => {
    expect(render('{{pageOf p}}', { p: { page: 2, pages: 7 } })).toBe('Page 2 of 7');
  });

  it('compares and limits', () => {
    expect(render('{{#if (eq a "x")}}yes{{else}}no{{/if}} {{#if (and a b)}}both{{/if}} {{#if (or c a)}}either{{/if}} {{#if (not c)}}none{{/if}}', { a: 'x', b: 1, c: 0 })).toBe('yes both either none');
    expect(render('{{#each (limit list 2)}}{{this}}{{/each}}', { list: [1, 2, 3] })).toBe('12');
  });

  it('orders tags by use for topTags, and tells whether two dates share a day in the site zone', () => {
    const tags = [
      { name: 'B', count: 2 },
      { name: 'A', count: 2 },
      { name: 'C', count: 9 },
    ];
    expect(render('{{#each (topTags tags 2)}}{{name}}{{/each}}', { tags })).toBe('CA');
    // 22:30 and 23:30 UTC on 31 March 2024 fall on different London days (BST began that morning).
    expect(render('{{#if (sameDay a b)}}same{{else}}different{{/if}}', { a: new Date('2024-03-31T22:30:00Z'), b: new Date('2024-03-31T23:30:00Z') })).toBe('different');
    expect(render('{{#if (sameDay a b)}}same{{else}}different{{/if}}', { a: new Date('2024-07-09T09:00:00Z'), b: new Date('2024-07-09T15:30:00Z') })).toBe('same');
  });

  it('writes a Blog JSON-LD script on pages that are neither posts nor events', () => {
    const html = render('{{json-ld}}');
    expect(html).toMatch(/^<script type="application\/ld\+json">\{"@context":"https:\/\/schema\.org","@type":"Blog"/);
  });
});

describe('safeJson', () => {
  it('escapes everything that could end a script element or break a JS string', () => {
    const text = safeJson({ a: '</script><!-- & \u2028\u2029 >' });
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual({ a: '</script><!-- & \u2028\u2029 >' });
  });
});

describe('pageLinks', () => {
  const numbers = (page: number, pages: number): string =>
    pageLinks({ page, pages, firstUrl: '/tag/x/' })
      .map((link) => (link.gap ? '…' : link.current ? `[${link.number}]` : String(link.number)))
      .join(' ');

  it('shows the first, the last, and the current page with its neighbours', () => {
    expect(numbers(1, 1)).toBe('[1]');
    expect(numbers(1, 3)).toBe('[1] 2 3');
    expect(numbers(5, 12)).toBe('1 … 4 [5] 6 … 12');
    expect(numbers(12, 12)).toBe('1 … 11 [12]');
    expect(numbers(3, 12)).toBe('1 2 [3] 4 … 12');
  });

  it('never links /page/1/', () => {
    expect(pageLinks({ page: 2, pages: 3, firstUrl: '/tag/x/' }).map((link) => link.url)).toEqual(['/tag/x/', '/tag/x/page/2/', '/tag/x/page/3/']);
  });
});
