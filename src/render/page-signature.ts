/**
 * What a page's HTML depends on, as a string: the one signature scheme that decides whether a
 * page is rendered again, both between the rebuilds of one builder (dev server, `watch()`) and
 * between builds through the on-disk page record (page-cache.ts).
 *
 * The site signature covers everything any page may show: every post's title, date, URL,
 * tags and authors; pages; events; authors; data; the config (helper and plugin sources
 * too); every theme file; the versions of the Markdown pipeline; and the clock as far as
 * pages can see it. Any change to it re-renders every page. A page's own inputs (its source
 * file, or the posts and position of a list page) are added per route, so a post's body
 * reaches only its own page and the list pages that show it. Posts' excerpts and reading
 * times, which come from their bodies, have a signature of their own (`bodyFactsSignature`):
 * a change to it re-renders every page only when some page showed another post's
 * (model/body-fact-reads.ts), since a post's own pages and lists already see its source change.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { queryRedirectPaths } from '../model/collect-redirects.js';
import type { Post, Site } from '../model/types.js';
import type { Route } from '../routes/types.js';
import type { Theme } from './load-theme.js';
import { everyLanguage } from '../model/site-root.js';

function postFacts(post: Post): string {
  return [
    post.url,
    post.title,
    post.date.getTime(),
    post.updated?.getTime() ?? '',
    post.image ?? '',
    post.tags.map((tag) => `${tag.slug}=${tag.name}`).join(','),
    post.authors.map((author) => author.key).join(','),
  ].join('\u0001');
}

/**
 * Every post's excerpt and reading time, in every language, as one digest: what a body edit can
 * change that another page may show.
 */
export function bodyFactsSignature(site: Site): string {
  const hash = createHash('sha1');
  for (const own of everyLanguage(site)) for (const post of own.posts) hash.update(`${post.url}\u0001${post.excerpt}\u0001${post.readingMinutes}\u0002`);
  return hash.digest('hex');
}

/** The config as a string. Functions (helpers, plugins) have no JSON, so their source stands in; the clock is `clockFact`'s. */
function configFacts(config: Site['config']): string {
  return JSON.stringify({ ...config, now: undefined }, (_key, value: unknown) => (typeof value === 'function' ? `function:${value.name}:${value.toString()}` : value));
}

/** Theme files and settings, hashed once per loaded theme (a builder keeps its theme until a theme file changes). */
const themeDigests = new WeakMap<Theme, string>();

function themeFacts(theme: Theme): string {
  let digest = themeDigests.get(theme);
  if (digest !== undefined) return digest;
  const hash = createHash('sha1');
  const sources = [...theme.sources].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [file, source] of sources) hash.update(`${file}\u0001${source}\u0003`);
  hash.update(JSON.stringify([theme.layers, theme.strings, [...theme.locales], [...theme.assets], theme.manifest, theme.options]));
  // The clock rule below needs to know whether any template mentions `now`.
  digest = `${hash.digest('hex')}${sources.some(([, source]) => /\bnow\b/.test(source)) ? ':now' : ''}`;
  themeDigests.set(theme, digest);
  return digest;
}

/**
 * The clock as far as pages can see it. The default theme never prints the clock, so
 * pages depend on it only through what the site facts hold (which posts are out, which
 * events upcoming); a theme that mentions `now` gets the exact time, so its pages are
 * rendered afresh unless `now` is fixed. User helpers may look at the clock themselves,
 * so the date is always part of it.
 */
function clockFact(site: Site, themeDigest: string): string {
  if (themeDigest.endsWith(':now')) return site.now.toISOString();
  return DateTime.fromJSDate(site.now, { zone: site.config.timezone }).toISODate() ?? site.now.toISOString();
}

/** True when pages see the same clock at `a` and `b` (see `clockFact`). */
export function sameClockFact(site: Site, theme: Theme, a: Date, b: Date): boolean {
  const digest = themeFacts(theme);
  return clockFact({ ...site, now: a }, digest) === clockFact({ ...site, now: b }, digest);
}

/**
 * Everything every page may depend on, as one digest.
 *
 * @example
 * const global = siteSignature(site, theme, pipelineDigest(config.markdown));
 */
export function siteSignature(site: Site, theme: Theme, pipeline: string): string {
  const themeDigest = themeFacts(theme);
  const hash = createHash('sha1');
  hash.update(`${pipeline}\u0003${themeDigest}\u0003${clockFact(site, themeDigest)}\u0003${configFacts(site.config)}\u0003`);
  // Every language's pages link to the others' (hreflang, switcher), so each language's facts reach every page.
  for (const own of everyLanguage(site)) {
    if (own !== site) hash.update(`\u0004${own.config.language}\u0003`);
    for (const post of own.posts) hash.update(`${postFacts(post)}\u0002`);
    for (const page of own.pages) hash.update(`${page.url}\u0001${page.title}\u0002`);
    for (const event of own.events.all) hash.update(`${event.source.digest}\u0001${event.upcoming ? 1 : 0}\u0002`);
    for (const author of own.authors) hash.update(`${author.key}\u0001${author.name}\u0001${author.role ?? ''}\u0001${author.avatar ?? ''}\u0001${author.bio ?? ''}\u0001${author.email ?? ''}\u0002`);
  }
  if (site.translationKeys) hash.update(JSON.stringify([...site.translationKeys]));
  hash.update(JSON.stringify(site.data));
  // Pages at these paths load the query-redirect script (render-pages.ts).
  const queryPaths = queryRedirectPaths(site);
  if (queryPaths.size > 0) hash.update(`\u0003${[...queryPaths].join('\u0001')}`);
  // Lead images and avatars print their sizes and variants.
  for (const image of site.images.values()) hash.update(`${image.url}\u0001${image.width}x${image.height}\u0001${image.variants.map((variant) => variant.url).join(',')}\u0002`);
  return hash.digest('hex');
}

/** This page's own inputs on top of the site signature. */
function ownFacts(route: Route): string {
  const context = route.context;
  switch (context.kind) {
    case 'post':
      return context.post.source.digest;
    case 'page':
      return context.page.source.digest;
    case 'home':
    case 'tag':
    case 'author':
    case 'year':
    case 'month':
      return `${context.pagination.page}/${context.pagination.pages}:${context.posts.map((post) => post.source.digest).join(',')}`;
    case 'search':
      return context.shards === undefined ? '' : `shards:${context.shards}`;
    default:
      return '';
  }
}

/** One page's signature: the site signature plus the page's own inputs (compared as text in memory; digested on disk). */
export function pageSignature(route: Route, global: string): string {
  return `${global}:${route.url}:${ownFacts(route)}`;
}
