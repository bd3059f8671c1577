import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pageUrl, paginate } from '../../src/routes/paginate.js';

const runs = Number(process.env.FUZZ_RUNS ?? 200);

describe('paginate', () => {
  it('splits 23 posts at 10 a page into 3 pages with working prev/next links', () => {
    const items = Array.from({ length: 23 }, (_, index) => index);
    const pages = paginate(items, 10, '/tag/ofsted/');
    expect(pages.map((page) => page.url)).toEqual(['/tag/ofsted/', '/tag/ofsted/page/2/', '/tag/ofsted/page/3/']);
    expect(pages[2]?.items).toEqual([20, 21, 22]);
    expect(pages[0]?.pagination.previousUrl).toBeUndefined();
    expect(pages[1]?.pagination).toMatchObject({ page: 2, pages: 3, previousUrl: '/tag/ofsted/', nextUrl: '/tag/ofsted/page/3/' });
  });

  it('gives an empty list one empty page, so the home page always exists', () => {
    expect(paginate([], 10, '/').map((page) => [page.url, page.items.length])).toEqual([['/', 0]]);
  });

  it('never emits /page/1/', () => {
    expect(pageUrl('/', 1)).toBe('/');
  });

  it('keeps every item exactly once, in order, with consistent links (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (items, perPage) => {
        const pages = paginate(items, perPage, '/x/');
        expect(pages.flatMap((page) => page.items)).toEqual(items);
        expect(pages.length).toBe(Math.max(1, Math.ceil(items.length / perPage)));
        pages.forEach((page, index) => {
          expect(page.items.length).toBeLessThanOrEqual(perPage);
          expect(page.pagination.page).toBe(index + 1);
          expect(page.pagination.previousUrl).toBe(pages[index - 1]?.url);
          expect(page.pagination.nextUrl).toBe(pages[index + 1]?.url);
          expect(page.url).not.toContain('/page/1/');
        });
        expect(new Set(pages.map((page) => page.url)).size).toBe(pages.length);
      }),
      { numRuns: runs },
    );
  });
});
