/**
 * Pages kept from the previous build. A page is rendered again only when its
 * signature changes: the site-wide facts any page may show, every theme file, the
 * config, the versions of the whole pipeline and the clock, plus the page's own
 * inputs (its source file, or the posts and position of a list page). Pages whose
 * signature is unchanged are hard-linked from the previous output by the write stage,
 * so a warm build costs little more than reading the site.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { staged, type Staged } from '../shared/errors.js';
import { forEachLimited } from '../shared/for-each-limited.js';
import type { Site } from '../model/types.js';
import type { Manifest } from '../shared/output-manifest.js';
import type { Route } from '../routes/types.js';
import type { Theme } from './load-theme.js';
import { routeSignature, siteSignature } from './route-signature.js';

/** What the previous build rendered: the site-wide signature and a digest of each page's signature. */
export interface PageRecord {
  readonly global: string;
  /** Output path → digest of the page's signature. */
  readonly pages: Readonly<Record<string, string>>;
}

/** What the previous build left: its page record, its output manifest and where its output is. */
export interface PreviousBuild {
  readonly record: PageRecord | undefined;
  readonly manifest: Manifest;
  readonly outDir: string;
}

/** The config as a string. Functions (helpers, plugins) have no JSON, so their source stands in; the clock is `clockFact`'s. */
function configFacts(config: Site['config']): string {
  return JSON.stringify({ ...config, now: undefined }, (_key, value: unknown) => (typeof value === 'function' ? `function:${value.name}:${value.toString()}` : value));
}

/**
 * Facts about other posts that a forked theme may show anywhere (a sidebar of recent
 * posts with excerpts, say) but that the shared site signature leaves out so the dev
 * server can patch bodies quickly. A build must never reuse a page that could differ.
 */
function excerptFacts(site: Site): string {
  return site.posts.map((post) => `${post.excerpt}\u0001${post.readingMinutes}`).join('\u0002');
}

/**
 * The clock as far as pages can see it. The default theme never prints the clock, so
 * pages depend on it only through what is in the site signature; a theme that mentions
 * `now` gets the exact time, which means its pages are rendered afresh unless `--now` is fixed.
 * User helpers may look at the clock themselves, so the date is always part of it.
 */
function clockFact(site: Site, sources: readonly string[]): string {
  if (sources.some((source) => /\bnow\b/.test(source))) return site.now.toISOString();
  return DateTime.fromJSDate(site.now, { zone: site.config.timezone }).toISODate() ?? site.now.toISOString();
}

/**
 * Everything every page may depend on, as one digest.
 *
 * @example
 * const global = pageCacheSignature(site, theme, pipelineDigest(config.markdown));
 */
export function pageCacheSignature(site: Site, theme: Theme, pipeline: string): string {
  const sources = [...theme.sources].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash('sha1');
  hash.update(`${siteSignature(site, 0)}\u0003${pipeline}\u0003${clockFact(site, sources.map(([, source]) => source))}\u0003`);
  hash.update(`${excerptFacts(site)}\u0003`);
  hash.update(`${configFacts(site.config)}\u0003`);
  for (const [file, source] of sources) hash.update(`${file}\u0001${source}\u0003`);
  hash.update(JSON.stringify([theme.layers, theme.strings, [...theme.assets], theme.manifest, theme.options]));
  return hash.digest('hex');
}

/** A short, fixed-size stand-in for a route's (possibly long) signature. */
export function pageDigest(route: Route, global: string): string {
  return createHash('sha1').update(routeSignature(route, global)).digest('base64url');
}

/** The record to keep after this build's pages are written. */
export function pageRecord(routes: readonly Route[], global: string): PageRecord {
  return { global, pages: Object.fromEntries(routes.map((route) => [route.outputPath, pageDigest(route, global)])) };
}

/**
 * Routes whose page can be taken from the previous output unchanged, with that file's
 * fingerprint. A page qualifies only if its signature matches, the previous build
 * wrote it, and the file is still there.
 */
export async function reusablePages(routes: readonly Route[], global: string, previous: PreviousBuild): Promise<Staged<Map<string, string>>> {
  const reusable = new Map<string, string>();
  const record = previous.record;
  if (!record || record.global !== global) return staged(reusable);
  const candidates = routes.filter((route) => previous.manifest[route.outputPath] !== undefined && record.pages[route.outputPath] === pageDigest(route, global));
  await forEachLimited(candidates, 64, async (route) => {
    const present = await fs.stat(path.join(previous.outDir, route.outputPath)).then((stat) => stat.isFile(), () => false);
    if (present) reusable.set(route.outputPath, previous.manifest[route.outputPath] as string);
  });
  return staged(reusable);
}

export async function readPageRecord(file: string): Promise<PageRecord | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<PageRecord>;
    return typeof parsed.global === 'string' && parsed.pages !== null && typeof parsed.pages === 'object' ? (parsed as PageRecord) : undefined;
  } catch {
    return undefined;
  }
}
