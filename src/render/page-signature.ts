/**
 * Digests of what whole outputs depend on.
 *
 * - `pageGlobal`: what every page depends on outside the model, which its reads cannot see: the
 *   theme's files and settings, the config (its helpers' and plugins' code too), the versions of
 *   the Markdown pipeline, and the date of the clock (user helpers may look at the clock
 *   themselves). Everything a page reads from the model is recorded per page (page-reads.ts).
 * - `siteSignature`: what feeds and the search index are kept under between runs
 *   (pipeline/feed-memory.ts, search-memory.ts): the facts of every post, page, event and author
 *   that they show. Pages do not use it.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { queryRedirectPaths } from '../model/collect-redirects.js';
import type { Post, Site } from '../model/types.js';
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

/** What every page depends on outside the model (see the top of this file). */
export function pageGlobal(site: Site, theme: Theme, pipeline: string): string {
  const themeDigest = themeFacts(theme);
  const day = DateTime.fromJSDate(site.now, { zone: site.config.timezone }).toISODate() ?? site.now.toISOString();
  return createHash('sha1')
    .update(`${pipeline}\u0003${themeDigest}\u0003${day}\u0003${configFacts(site.config)}`)
    .digest('base64url');
}

/**
 * What the feeds and search index show of the whole site, as one digest.
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
