/**
 * Digests of what whole outputs depend on.
 *
 * - `pageGlobal`: what every page depends on outside the model, which its reads cannot see: the
 *   theme's files and settings, the config (its helpers' and plugins' code too), the versions of
 *   the Markdown pipeline, and the date of the clock (user helpers may look at the clock
 *   themselves). Everything a page reads from the model is recorded per page (page-reads.ts).
 * - `siteSignature`: what feeds and the search index are kept under between runs
 *   (pipeline/feed-memory.ts, search-memory.ts): every field of every model object. Pages do not use it.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Site } from '../model/types.js';
import type { Theme } from './load-theme.js';
import { everyLanguage } from '../model/site-root.js';

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

/** The objects of one language's model that others point at, each with the name a reference to it is written as. */
function modelNodes(site: Site): Map<object, string> {
  const nodes = new Map<object, string>();
  const language = site.config.language;
  for (const post of site.posts) nodes.set(post, `post:${language}:${post.source.relativePath}`);
  for (const page of site.pages) nodes.set(page, `page:${language}:${page.source.relativePath}`);
  for (const event of site.events.all) nodes.set(event, `event:${language}:${event.source.relativePath}`);
  for (const tag of site.tags) nodes.set(tag, `tag:${language}:${tag.slug}`);
  for (const author of site.authors) nodes.set(author, `author:${language}:${author.key}`);
  for (const year of site.years) {
    nodes.set(year, `year:${language}:${year.year}`);
    for (const month of year.months) nodes.set(month, `month:${language}:${year.year}-${month.month}`);
  }
  return nodes;
}

/**
 * Every own field of `object` as text, fields that are other model objects by reference. Accessors
 * are left out: they load a body on demand (`Post.html`), which its `source` digest already stands for.
 */
function fieldsOf(object: object, nodes: ReadonlyMap<object, string>): string {
  const seen = new Set<object>();
  const write = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return typeof value === 'function' ? `function:${value.toString()}` : value;
    const reference = nodes.get(value);
    if (reference !== undefined && value !== object) return `#${reference}`;
    if (value instanceof Date) return `D${value.getTime()}`;
    if (value instanceof Map) return [...value].map(([key, item]) => [write(key), write(item)]);
    if (value instanceof Set) return [...value].map(write);
    if (seen.has(value)) return '#cycle';
    seen.add(value);
    if (Array.isArray(value)) return value.map(write);
    const fields: Record<string, unknown> = {};
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(value))) if ('value' in descriptor && descriptor.enumerable) fields[key] = write(descriptor.value);
    return fields;
  };
  return JSON.stringify(write(object));
}

/**
 * What the feeds and search index are kept under (pipeline/feed-memory.ts, search-memory.ts), as one
 * digest: every field of every post, page, event, tag, author and archive of every language (by
 * `fieldsOf`, so a new field needs no change here), the site's data, redirects and images, the
 * config, the theme and the clock as pages see it. Bodies enter through their sources' digests.
 *
 * @example
 * const signature = siteSignature(site, theme, pipelineDigest(config.markdown));
 */
export function siteSignature(site: Site, theme: Theme, pipeline: string): string {
  const themeDigest = themeFacts(theme);
  const hash = createHash('sha1');
  hash.update(`${pipeline}\u0003${themeDigest}\u0003${clockFact(site, themeDigest)}\u0003${configFacts(site.config)}\u0003`);
  for (const own of everyLanguage(site)) {
    const nodes = modelNodes(own);
    hash.update(`\u0004${own.config.language}\u0003`);
    for (const node of nodes.keys()) hash.update(`${fieldsOf(node, nodes)}\u0002`);
    hash.update(fieldsOf({ data: own.data, redirects: own.redirects, images: own.images, nextEvent: own.nextEvent, statics: own.statics }, nodes));
  }
  if (site.translationKeys) hash.update(JSON.stringify([...site.translationKeys]));
  return hash.digest('hex');
}
