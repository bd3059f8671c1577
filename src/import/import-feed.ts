/**
 * `sectorpress import feed <file-or-url> --out <site-folder>`: the posts an RSS 2.0, Atom or JSON Feed
 * carries become a site folder, with authors, tags, dates, images, GUIDs and redirects from the old links.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { hasErrors, staged, type Staged } from '../shared/errors.js';
import { CONFIG_FILE_NAMES } from '../shared/site-layout.js';
import { rewriteMediaUrls } from './convert-post-html.js';
import type { AddressPolicy } from './address-policy.js';
import type { DownloadLimits } from './media-download.js';
import { fetchMedia, type MediaOptions, missingMediaAction } from './media-fetch.js';
import { downloadFeedMedia } from './feed-media.js';
import { parseFeedText } from './feed-parse.js';
import { FeedSourceError, readFeedSource } from './feed-read-source.js';
import { type FeedSiteSettings, feedToSite } from './feed-site.js';
import type { SiteStaging } from './site-staging.js';
import type { ImportedSite } from './types.js';
import { writeImportedSite } from './write-imported-site.js';

/** Options of `importFeed`. */
export interface ImportFeedOptions {
  /** Overwrite posts edited since the last import. */
  force?: boolean;
  /** IANA zone for dates; default: the site's config, else `Europe/London`. */
  timeZone?: string;
  /** The new site's address; default: the site's config, else the blog's address the feed gives. */
  siteUrl?: string;
  /** A local copy of the old site's uploads to take images from. */
  media?: string;
  /** Download the images posts use into `static/`. */
  download?: boolean;
  /** How long to wait for the feed's server; default 30 s. */
  timeoutMs?: number;
  /** The clock, for items with no date anywhere (default: now). */
  now?: Date;
  /** Largest feed taken from an address, decoded (default 200 MB). */
  maxFeedBytes?: number;
  /** File types `download` takes besides media and documents. */
  allowTypes?: readonly string[];
  /** Which addresses may be connected to (default: public ones; the feed's own address is the user's choice). */
  policy?: Partial<AddressPolicy>;
  /** Limits of `download` (sizes, times, retries). */
  downloadLimits?: Partial<Omit<DownloadLimits, 'policy'>>;
}

/** What `importFeed` did (the same shape as `importWordPress`'s outcome, plus the site it wrote). */
export interface ImportFeedResult {
  counts: Record<string, number>;
  /** How many warnings `import-report.md` lists. */
  warnings: number;
  written: number;
  /** Files edited since the last import and therefore not overwritten. */
  kept: string[];
  site: ImportedSite;
}

/**
 * Imports a feed file or http(s) address into `siteFolder`. A source that is unreadable, empty, not a
 * feed or cut short (or a site config that does not load) is an error problem naming it, and nothing
 * is written.
 *
 * @example
 * const { value, problems } = await importFeed('https://blog.example.gov.uk/feed/', 'my-blog');
 * value?.counts['posts with summary only']; // 0 for a full-text feed
 */
export async function importFeed(source: string, siteFolder: string, options: ImportFeedOptions = {}): Promise<Staged<ImportFeedResult | undefined>> {
  const settings = await siteSettings(siteFolder, options);
  if (!('timeZone' in settings)) return staged(undefined, settings.problems);
  let site: ImportedSite;
  let media: string[];
  let oldSiteUrl: string;
  try {
    const feed = parseFeedText(await readFeedSource(source, { timeoutMs: options.timeoutMs, maxBytes: options.maxFeedBytes, policy: options.policy }), source);
    ({ site, media, oldSiteUrl } = feedToSite(feed, source, settings));
  } catch (error) {
    if (error instanceof FeedSourceError) return staged(undefined, [error.problem]);
    throw error;
  }
  // Media are staged with the posts, so a file the user edited since the last import is kept like a post.
  const limits = { ...options.downloadLimits, policy: options.policy, allowTypes: options.allowTypes, budget: { used: 0 } };
  const prepare =
    options.media !== undefined || options.download
      ? (staging: SiteStaging) => bringMedia(site, media, siteFolder, { ...limits, siteUrl: oldSiteUrl, mediaFolder: options.media, download: options.download, staging })
      : undefined;
  const { written, kept } = await writeImportedSite(site, siteFolder, { force: options.force, reportTitle: `Import of ${source}` }, prepare);
  return staged({ counts: site.counts, warnings: site.warnings.length, written, kept, site });
}

/** The zone, post permalink and address the site already has in its config, or the defaults a new site gets. */
async function siteSettings(siteFolder: string, options: ImportFeedOptions): Promise<FeedSiteSettings | { problems: Staged<unknown>['problems'] }> {
  const now = options.now ?? new Date();
  const hasConfig = await Promise.all(
    CONFIG_FILE_NAMES.map((name) =>
      fs.stat(path.join(siteFolder, name)).then(
        () => true,
        () => false,
      ),
    ),
  );
  if (!hasConfig.includes(true)) return { timeZone: options.timeZone ?? 'Europe/London', postPermalink: '/:year/:month/:slug/', siteUrl: options.siteUrl, now };
  const { value: config, problems } = await loadConfig(siteFolder, {});
  if (hasErrors(problems)) return { problems };
  return { timeZone: options.timeZone ?? config.timezone, postPermalink: config.permalinks.post, siteUrl: options.siteUrl ?? config.url, now };
}

/**
 * Copy or download the media posts use and point the posts at the new copies; what could not be had goes in
 * the report. WordPress uploads go where `import wordpress` puts them; with `--download`, other images too.
 */
async function bringMedia(site: ImportedSite, urls: readonly string[], siteFolder: string, options: MediaOptions & { staging: SiteStaging }): Promise<void> {
  const uploads = await fetchMedia(urls, siteFolder, options);
  const handled = new Set([...uploads.mapping.keys(), ...uploads.missing.map(({ url }) => url)]);
  const others = options.download
    ? await downloadFeedMedia(
        urls.filter((url) => !handled.has(url)),
        siteFolder,
        options,
      )
    : { mapping: new Map<string, string>(), missing: [] };
  const mapping = new Map([...uploads.mapping, ...others.mapping]);
  const missing = [...uploads.missing, ...others.missing];
  for (const entry of site.entries) {
    entry.markdown = rewriteMediaUrls(entry.markdown, mapping);
    const image = entry.frontMatter.image;
    if (typeof image === 'string' && mapping.has(image)) entry.frontMatter.image = mapping.get(image);
  }
  for (const entry of missing) {
    site.warnings.push({ source: entry.url, message: `The file could not be had (${entry.reason}); posts still link to the old address.`, action: missingMediaAction(entry, options.download) });
  }
  site.counts['media files copied or downloaded'] = new Set(mapping.values()).size;
  site.counts['media files missing'] = missing.length;
}
