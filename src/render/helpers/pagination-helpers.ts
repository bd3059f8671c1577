/** `pageOf` and `pageLinks`: where you are in a paginated list, GOV.UK-style. */
import { pageUrl } from '../../routes/paginate.js';
import type { Pagination } from '../../routes/types.js';
import { optionsOf, paramsOf, rootOf, type HelperFunction } from './helper-root.js';
import { translate } from './string-helpers.js';

/** One entry of a page-number list: a page, or a gap ("…") between non-adjacent pages. */
export interface PageLink {
  readonly number: number;
  readonly url: string;
  readonly current: boolean;
  readonly gap: boolean;
}

/**
 * The first page, the last, and the current one with its neighbours; gaps where pages are
 * skipped. 1 … 4 5 6 … 12 keeps the list short on a phone however many pages there are.
 */
export function pageLinks(pagination: Pick<Pagination, 'page' | 'pages' | 'firstUrl'>): PageLink[] {
  const wanted = new Set([1, pagination.pages, pagination.page - 1, pagination.page, pagination.page + 1]);
  const numbers = [...wanted].filter((number) => number >= 1 && number <= pagination.pages).sort((a, b) => a - b);
  const links: PageLink[] = [];
  for (const number of numbers) {
    const previous = links[links.length - 1];
    if (previous && number - previous.number > 1) links.push({ number: previous.number + 1, url: '', current: false, gap: true });
    links.push({ number, url: pageUrl(pagination.firstUrl, number), current: number === pagination.page, gap: false });
  }
  return links;
}

/** `{{pageOf pagination}}` → "Page 2 of 7" (the `pagination.position` string). */
export const pageOfHelper: HelperFunction = (...args) => {
  const pagination = paramsOf(args)[0] as Pagination | undefined;
  if (!pagination) return '';
  const root = rootOf(optionsOf(args));
  return translate(root.strings, 'pagination.position', { page: pagination.page, pages: pagination.pages }, root.site.config.language);
};

/** `{{#each (pageLinks pagination)}}…{{/each}}` — see `pageLinks`. */
export const pageLinksHelper: HelperFunction = (...args) => {
  const pagination = paramsOf(args)[0] as Pagination | undefined;
  return pagination ? pageLinks(pagination) : [];
};
