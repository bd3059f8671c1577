/** A parsed feed → the `ImportedSite` the site-folder writer takes: posts, authors, redirects, config, report. */
import { type FeedEntryPlan, planFeedEntry } from './feed-entry.js';
import { authorKeys } from './feed-names.js';
import type { FeedPerson, ParsedFeed } from './feed-parse.js';
import { isFeedUrl } from './feed-read-source.js';
import { feedRedirect } from './feed-redirects.js';
import { addRemoved, noneRemoved, removedCountRows } from './removed-content.js';
import type { ImportedSite, ImportWarning } from './types.js';

/** What the site the feed goes into already decides (from its config), or the import's options. */
export interface FeedSiteSettings {
  readonly timeZone: string;
  readonly postPermalink: string;
  /** The new site's address; default: the blog's address the feed gives. */
  readonly siteUrl?: string;
  readonly now: Date;
}

/** Used when neither the options nor the feed give the blog's address. */
const PLACEHOLDER_URL = 'https://blog.example.org';

/**
 * @example
 * const { site, media } = feedToSite(parseFeedText(text, 'feed.xml'), 'feed.xml', { timeZone: 'Europe/London', postPermalink: '/:year/:month/:slug/', now: new Date() });
 */
export function feedToSite(feed: ParsedFeed, source: string, settings: FeedSiteSettings): { site: ImportedSite; media: string[]; oldSiteUrl: string } {
  const warnings: ImportWarning[] = [];
  const oldSiteUrl = blogAddress(feed, source);
  const siteUrl = new URL(settings.siteUrl ?? oldSiteUrl ?? PLACEHOLDER_URL);
  if (!settings.siteUrl && !oldSiteUrl) {
    warnings.push({ source, message: 'The feed does not say the blog’s address.', action: `Set \`url\` in sectorpress.config.json (it is ${PLACEHOLDER_URL} for now).` });
  }
  const authorsOf = (people: readonly FeedPerson[]): readonly FeedPerson[] => (people.length > 0 ? people : feed.authors);
  const keys = authorKeys(feed.items.flatMap((item) => authorsOf(item.authors)));
  const entrySettings = { ...settings, siteUrl, oldSiteUrl: oldSiteUrl ?? siteUrl.href, authorKey: keys.keyOf, taken: new Set<string>() };
  const plans: FeedEntryPlan[] = [];
  const guids = new Set<string>();
  feed.items.forEach((item, index) => {
    if (item.guid !== undefined && guids.has(item.guid)) {
      warnings.push({ source: item.link ?? item.guid, message: 'The feed lists this item twice; it was imported once.', action: 'None.' });
      return;
    }
    if (item.guid !== undefined) guids.add(item.guid);
    // One bad item never ends the import: it is a report line naming it.
    try {
      plans.push(planFeedEntry({ ...item, authors: authorsOf(item.authors) }, index, feed, entrySettings));
    } catch (error) {
      const where = item.link ?? item.guid ?? `item ${index + 1}`;
      warnings.push({ source: where, message: `The item was not imported: ${error instanceof Error ? error.message : String(error)}.`, action: 'Copy it from the old site by hand.' });
    }
  });
  warnings.push(...siteWarnings(feed, source, oldSiteUrl, siteUrl), ...plans.flatMap((plan) => plan.warnings));
  const feedMove = feedRedirect(feed.selfLink ?? (isFeedUrl(source) ? source : undefined), feed.format, siteUrl);
  const site: ImportedSite = {
    config: { title: feed.title ?? siteUrl.host, url: siteUrl.href.replace(/\/$/, ''), description: feed.description, timeZone: settings.timeZone, language: feed.language },
    authors: keys.authors,
    entries: plans.map((plan) => plan.entry),
    redirects: feedMove ? [feedMove] : [],
    warnings,
    counts: countsOf(plans, Object.keys(keys.authors).length),
  };
  return { site, media: [...new Set(plans.flatMap((plan) => plan.media))], oldSiteUrl: entrySettings.oldSiteUrl };
}

function countsOf(plans: readonly FeedEntryPlan[], authors: number): Record<string, number> {
  const redirected = plans.reduce((sum, plan) => sum + ((plan.entry.frontMatter.redirects as string[] | undefined)?.length ?? 0), 0);
  const removed = noneRemoved();
  for (const plan of plans) addRemoved(removed, plan.removed);
  return {
    'posts imported': plans.length,
    'posts with full text': plans.filter((plan) => !plan.summaryOnly).length,
    'posts with summary only': plans.filter((plan) => plan.summaryOnly).length,
    'drafts (no usable date)': plans.filter((plan) => plan.draft).length,
    authors,
    'old post addresses redirected': redirected,
    ...removedCountRows(removed),
    ...(plans.some((plan) => plan.failed) ? { 'not converted (imported as drafts with a note; see warnings)': plans.filter((plan) => plan.failed).length } : {}),
  };
}

/** The blog's own address: the feed's link, else the origin of its first item's link, else of the feed URL. */
function blogAddress(feed: ParsedFeed, source: string): string | undefined {
  for (const candidate of [feed.link, feed.items.find((item) => item.link)?.link, isFeedUrl(source) ? source : undefined]) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate);
      if (url.protocol === 'https:' || url.protocol === 'http:') return candidate === feed.link ? url.href : url.origin;
    } catch {
      // Not an address; try the next.
    }
  }
  return undefined;
}

function siteWarnings(feed: ParsedFeed, source: string, oldSiteUrl: string | undefined, siteUrl: URL): ImportWarning[] {
  const warnings: ImportWarning[] = [
    {
      source,
      message: `The feed held ${feed.items.length} post${feed.items.length === 1 ? '' : 's'}; a feed often carries only the newest ones.`,
      action: 'Compare with the old blog’s archive. Many platforms let the feed show more posts (WordPress: Settings → Reading; Blogger: add ?max-results=500 to the feed address); then import again.',
    },
  ];
  if (oldSiteUrl && new URL(oldSiteUrl).host !== siteUrl.host) {
    warnings.push({
      source,
      message: `The old posts are on ${new URL(oldSiteUrl).host} and the new site is on ${siteUrl.host}, so the new site cannot redirect their old addresses.`,
      action: 'Have the old host redirect each old address to the new one (or keep the site on the old address).',
    });
  }
  return warnings;
}
