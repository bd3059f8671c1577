/**
 * The site's redirects as one list: each published entry's `redirects` (leading to that entry's
 * URL), then `data/redirects.yml`. A draft's old addresses are left out with the draft, so they
 * never lead to a page that is not built.
 */
import { splitQuery } from '../content/read-redirects.js';
import type { DataSet, EventEntry, PageEntry, PostEntry } from '../content/types.js';
import { encodeUrlPath } from '../shared/check-url-path.js';
import { normaliseUrlPath } from '../shared/permalink.js';
import type { Event, Page, Post, Site } from './types.js';

/** One old address and where it leads (see `Site.redirects`). */
export type SiteRedirect = NonNullable<Site['redirects']>[number];

/** The script (in the output root) that sends old query addresses on, on hosts without server rules. */
export const QUERY_REDIRECT_SCRIPT = 'redirect-query.js';

/**
 * Site-relative paths at which some old address with a query string is redirected (`/` for
 * `/?p=123`): the pages served there load `QUERY_REDIRECT_SCRIPT`.
 */
export function queryRedirectPaths(site: Site): Set<string> {
  const paths = new Set<string>();
  for (const redirect of site.redirects ?? []) {
    const [path, query] = splitQuery(redirect.from);
    if (query !== undefined) paths.add(encodeUrlPath(normaliseUrlPath(path)));
  }
  return paths;
}

interface Built {
  readonly posts: readonly Post[];
  readonly pages: readonly Page[];
  readonly events: readonly Event[];
}

/**
 * @example
 * collectRedirects(entries, built, data); // [{ from: '/?p=123', to: '/2019/05/a-year-on/', file: 'posts/…', line: 9, column: 5 }, …]
 */
export function collectRedirects(
  entries: { readonly posts: readonly PostEntry[]; readonly pages: readonly PageEntry[]; readonly events: readonly EventEntry[] },
  built: Built,
  data: DataSet,
): SiteRedirect[] {
  const urls = new Map<string, string>();
  for (const item of [...built.posts, ...built.pages, ...built.events]) urls.set(item.source.relativePath, item.url);
  const fromEntries = [...entries.posts, ...entries.pages, ...entries.events].flatMap((entry) => {
    const url = urls.get(entry.source.relativePath);
    return url === undefined ? [] : (entry.redirects ?? []).map((record): SiteRedirect => ({ from: record.from, to: url, file: record.file, line: record.line, column: record.column }));
  });
  const fromData = (data.redirects ?? []).flatMap((record): SiteRedirect[] =>
    record.to === undefined ? [] : [{ from: record.from, to: record.to, file: record.file, line: record.line, column: record.column }],
  );
  return [...fromEntries, ...fromData];
}
