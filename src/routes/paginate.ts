/** Pagination maths, kept pure so it can be property-tested. */
import type { Pagination } from './types.js';

export interface PageSlice<T> {
  readonly url: string;
  readonly items: readonly T[];
  readonly pagination: Pagination;
}

/** `/tag/x/` page 1 → `/tag/x/`; page 3 → `/tag/x/page/3/`. Never `/page/1/`. */
export function pageUrl(baseUrl: string, page: number): string {
  return page <= 1 ? baseUrl : `${baseUrl}page/${page}/`;
}

/**
 * Split items into pages of `perPage`. An empty list still has one (empty) page,
 * so a home page or archive always exists.
 *
 * @example
 * paginate(['a', 'b', 'c'], 2, '/').map((p) => p.url); // ['/', '/page/2/']
 */
export function paginate<T>(items: readonly T[], perPage: number, baseUrl: string): PageSlice<T>[] {
  const size = Math.max(1, Math.floor(perPage));
  const pages = Math.max(1, Math.ceil(items.length / size));
  const slices: PageSlice<T>[] = [];
  for (let page = 1; page <= pages; page += 1) {
    slices.push({
      url: pageUrl(baseUrl, page),
      items: items.slice((page - 1) * size, page * size),
      pagination: {
        page,
        pages,
        perPage: size,
        total: items.length,
        previousUrl: page > 1 ? pageUrl(baseUrl, page - 1) : undefined,
        nextUrl: page < pages ? pageUrl(baseUrl, page + 1) : undefined,
        firstUrl: baseUrl,
        lastUrl: pageUrl(baseUrl, pages),
      },
    });
  }
  return slices;
}
