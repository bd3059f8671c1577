/**
 * The old site's addresses: which a post keeps as its permalink, and which archive and feed addresses
 * need a redirect to the new site's URLs (tags `/tag/:slug/`, authors `/author/:slug/`, months
 * `/:year/:month/`, feeds `/feed.xml`, `/atom.xml`, `/tag/:slug/feed.xml`).
 */
import { redirectFromDanger } from '../shared/redirect-address.js';
import { checkUrlPath } from '../shared/check-url-path.js';
import { slugify } from '../shared/slug.js';

/** One redirect, site-relative `from` (may carry a query string). */
export interface Redirect {
  readonly from: string;
  readonly to: string;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The site-relative path (with its query) of `link` on the old site at `siteUrl`, or `undefined`
 * when the link is on another host or not a URL.
 *
 * @example
 * oldSitePath('https://x.org/blog/2019/05/a/', 'https://x.org/blog'); // '/2019/05/a/'
 */
export function oldSitePath(link: string, siteUrl: string): string | undefined {
  let url: URL;
  let site: URL;
  try {
    url = new URL(link);
    site = new URL(siteUrl);
  } catch {
    return undefined;
  }
  if (url.host.replace(/^www\./, '') !== site.host.replace(/^www\./, '')) return undefined;
  const base = site.pathname.endsWith('/') ? site.pathname : `${site.pathname}/`;
  const pathname = url.pathname === base.slice(0, -1) ? base : url.pathname;
  if (!pathname.startsWith(base)) return undefined;
  return `/${pathname.slice(base.length)}${url.search}`;
}

/**
 * An old address as a redirect's `from` can hold it: percent-decoded when that is an address the build
 * accepts, else as the URL wrote it, else `undefined` (a tab, line break or `..` from a hostile export must
 * never reach the site's redirect rules).
 *
 * @example
 * redirectFrom('/our%20plan/'); // '/our%20plan/' (a space is refused; `%20` is the same address)
 * redirectFrom('/caf%C3%A9/'); // '/café/'
 * redirectFrom('/a%0A/*%20https://evil.example/'); // undefined
 */
export function redirectFrom(path: string): string | undefined {
  return [safeDecode(path), path].find((form) => !redirectFromDanger(form));
}

/**
 * The old path as a permalink the new site can serve (a clean path; `/a-year-on` from a permalink structure
 * without the trailing slash becomes `/a-year-on/`, which hosts serve for both), else `undefined`.
 */
export function usablePermalink(path: string | undefined): string | undefined {
  if (!path || path === '/' || path.includes('?')) return undefined;
  if (!path.endsWith('/') && path.slice(path.lastIndexOf('/')).includes('.')) return undefined;
  const decoded = safeDecode(path.endsWith('/') ? path : `${path}/`);
  return checkUrlPath(decoded).error ? undefined : decoded;
}

/** What published posts used, collected while posts stream past, for the archive redirects. */
export interface ArchiveFacts {
  /** Old `/tag/<nicename>/` → new tag slug. */
  readonly tags: Map<string, string>;
  /** Old `/category/<nicename>/` → new tag slug (or `''` when categories are not tags). */
  readonly categories: Map<string, string>;
  /** Old author nicename → new author key. */
  readonly authors: Map<string, string>;
  /** `YYYY/MM/DD` of each published post. */
  readonly days: Set<string>;
}

/** An empty set of facts. */
export function emptyArchiveFacts(): ArchiveFacts {
  return { tags: new Map(), categories: new Map(), authors: new Map(), days: new Set() };
}

const SITE_FEEDS: readonly Redirect[] = [
  { from: '/feed/', to: '/feed.xml' },
  { from: '/feed/rss2/', to: '/feed.xml' },
  { from: '/feed/atom/', to: '/atom.xml' },
  { from: '/?feed=rss2', to: '/feed.xml' },
  { from: '/?feed=atom', to: '/atom.xml' },
];

function termRedirects(base: string, nicename: string, slug: string): Redirect[] {
  const old = `/${base}/${nicename}/`;
  if (!slug) return [{ from: old, to: '/' }];
  const url = `/tag/${slug}/`;
  return [...(old === url ? [] : [{ from: old, to: url }]), { from: `${old}feed/`, to: `${url}feed.xml` }];
}

/**
 * Redirects from the old archive and feed addresses to the new ones, only where they differ and only
 * for archives that exist on the new site (a tag some published post uses). Sorted, so reruns match.
 */
export function archiveRedirects(facts: ArchiveFacts): Redirect[] {
  const redirects = new Map<string, string>();
  const add = (list: readonly Redirect[]): void => {
    for (const each of list) {
      // A nicename is the export's word: one no form of which the build accepts stays as written, for the site writer to leave out and report.
      const from = redirectFrom(each.from) ?? each.from;
      if (!redirects.has(from)) redirects.set(from, each.to);
    }
  };
  add(SITE_FEEDS);
  for (const [nicename, slug] of facts.tags) add(termRedirects('tag', nicename, slug));
  for (const [nicename, slug] of facts.categories) add(termRedirects('category', nicename, slug));
  for (const [nicename, key] of facts.authors) {
    const old = `/author/${nicename}/`;
    const url = `/author/${slugify(key)}/`;
    add([...(old === url ? [] : [{ from: old, to: url }]), { from: `${old}feed/`, to: '/feed.xml' }]);
  }
  for (const day of facts.days) add([{ from: `/${day}/`, to: `/${day.slice(0, 7)}/` }]);
  return [...redirects].map(([from, to]) => ({ from, to })).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}
