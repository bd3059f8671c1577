/** One feed item → one post file (`ImportedEntry`), with the warnings the report lists for it. */
import { renderPermalink } from '../shared/permalink.js';
import { slugify } from '../shared/slug.js';
import { convertPostBounded } from './convert-post-bounded.js';
import type { ConvertedPost } from './convert-post-html.js';
import { frontMatterDate, parseFeedDate } from './feed-dates.js';
import { slugFromLink, uniqueName } from './feed-names.js';
import { canonicalMediaKey } from './media-urls.js';
import type { FeedItem, FeedPerson, ParsedFeed } from './feed-parse.js';
import { redirectFromDanger } from '../shared/redirect-address.js';
import { samePath, sitePathOf } from './feed-redirects.js';
import { summaryText } from './feed-text.js';
import { htmlToLine } from './plain-text.js';
import { shortSlug } from './short-slug.js';
import { noneRemoved, REMOVED_ACTION, type RemovedContent, removedSentence } from './removed-content.js';
import type { ImportedEntry, ImportWarning } from './types.js';

/** What every item of one import shares. */
export interface FeedEntrySettings {
  readonly timeZone: string;
  /** The site's post permalink pattern, e.g. `/:year/:month/:slug/`. */
  readonly postPermalink: string;
  /** The new site's address: old links on its host (and under its base path) get redirects. */
  readonly siteUrl: URL;
  /** The old blog's address, so the converter knows its own links and uploads. */
  readonly oldSiteUrl: string;
  /** Used, as a draft, for an item with no date when neither the feed nor its other items have one. */
  readonly now: Date;
  readonly authorKey: (person: FeedPerson) => string;
  /** File paths and URLs already given out in this import. */
  readonly taken: Set<string>;
}

export interface FeedEntryPlan {
  readonly entry: ImportedEntry;
  readonly warnings: ImportWarning[];
  readonly summaryOnly: boolean;
  readonly draft: boolean;
  /** The body could not be converted: the post is a draft with a note. */
  readonly failed: boolean;
  /** Media URLs the post uses (body and `image`), for `--media` / `--download`. */
  readonly media: string[];
  /** Active content left out of the body, by kind. */
  readonly removed: RemovedContent;
}

const TITLE_WORDS = 10;

/** The item as a post: its file, front matter in the order the contract gives, body, and report lines. */
export function planFeedEntry(item: FeedItem, index: number, feed: ParsedFeed, settings: FeedEntrySettings): FeedEntryPlan {
  const warnings: ImportWarning[] = [];
  const where = item.link ?? item.guid ?? `item ${index + 1}`;
  const warn = (message: string, action: string): void => {
    warnings.push({ source: item.title ? `${where} “${item.title}”` : where, message, action });
  };
  const html = item.contentHtml ?? item.summaryHtml ?? '';
  const summaryOnly = item.contentHtml === undefined;
  const title = item.title ?? untitled(html, index);
  const dated = chooseDate(item, feed, settings.now);
  const bounded = convertPostBounded(html, { classic: false, siteUrl: settings.oldSiteUrl });
  const converted = 'post' in bounded ? bounded.post : notConverted(bounded.failure);
  const failed = 'failure' in bounded;
  // The theme shows `image` above the post: an image the body already shows would appear twice.
  const image = item.image && !converted.media.some((url) => canonicalMediaKey(url) === canonicalMediaKey(item.image?.url ?? '')) ? item.image : undefined;
  for (const [message, action] of itemWarnings({ ...item, image }, summaryOnly, dated.warning, converted)) warn(message, action);
  const dateText = frontMatterDate(dated.date, settings.timeZone);
  const slug = chooseSlug(item, title, dateText, settings);
  const url = postUrl(dateText, slug, settings.postPermalink);
  const redirects = oldPaths(item, settings.siteUrl).filter((path) => !samePath(path, url));
  const updated = parseFeedDate(item.updated);
  const frontMatter: Record<string, unknown> = {
    title,
    date: dateText,
    updated: updated && updated.getTime() - dated.date.getTime() >= 60_000 ? frontMatterDate(updated, settings.timeZone) : undefined,
    slug,
    summary: summaryOnly ? undefined : standfirst(item.summaryHtml, html),
    author: item.authors.length > 0 ? item.authors.map(settings.authorKey) : undefined,
    tags: item.categories.length > 0 ? [...item.categories] : undefined,
    image: image?.url,
    imageAlt: image?.alt,
    guid: item.guid,
    redirects: redirects.length > 0 ? redirects : undefined,
    draft: dated.warning || failed ? true : undefined,
  };
  const entry: ImportedEntry = { kind: 'post', file: `posts/${dateText.slice(0, 10)}-${slug}.md`, frontMatter, markdown: converted.markdown, source: where };
  const media = image ? [...converted.media, image.url] : [...converted.media];
  return { entry, warnings, summaryOnly, draft: dated.warning !== undefined, failed, media, removed: converted.removed };
}

/** In place of a body that could not be converted: a note, and the report line saying why. */
function notConverted(failure: string): ConvertedPost {
  return {
    markdown: 'This post could not be converted, so its text was not imported. See import-report.md.\n',
    media: [],
    unknownShortcodes: [],
    warnings: [`The post was not converted: ${failure}. It was imported as a draft with a note in place of its text.`],
    removed: noneRemoved(),
  };
}

/** What the report says about one item, as `[message, what to do]` pairs. */
function itemWarnings(item: FeedItem, summaryOnly: boolean, dateWarning: string | undefined, converted: ConvertedPost): [string, string][] {
  const warnings: [string, string][] = [];
  if (!item.title) warnings.push(['The item has no title; its opening words were used.', 'Give the post a title.']);
  if (summaryOnly) {
    const action = `Copy the full text from ${item.link ?? 'the old site'} into the post before the old site closes.`;
    warnings.push(['The feed carries only a summary of this post (summary only), so only the summary was imported.', action]);
  }
  if (dateWarning) warnings.push([dateWarning, 'Set `date:` to when the post was published, then remove `draft: true`.']);
  for (const message of converted.warnings) warnings.push([message, 'Check the post’s text against the old page.']);
  const removed = removedSentence(converted.removed);
  if (removed) warnings.push([removed, REMOVED_ACTION]);
  if (converted.unknownShortcodes.length > 0) warnings.push([`Shortcodes left as text: ${converted.unknownShortcodes.join(', ')}.`, 'Replace them with Markdown or HTML.']);
  if (item.image && item.image.alt === undefined) warnings.push(['The post’s image has no alternative text.', 'Add `imageAlt:` describing the image (or `imageAlt: ""` if it is decorative).']);
  return warnings;
}

function untitled(html: string, index: number): string {
  const text = htmlToLine(html);
  const sentence = /^(.{1,90}?)[.!?](?:\s|$)/u.exec(text)?.[1];
  if (sentence) return sentence;
  const words = text.split(' ').filter(Boolean);
  if (words.length === 0) return `Untitled post ${index + 1}`;
  return words.length > TITLE_WORDS ? `${words.slice(0, TITLE_WORDS).join(' ')}…` : words.join(' ');
}

/**
 * Published, else updated. An item with neither becomes a draft dated with the feed's own date, else the
 * newest date of the feed's other items (so importing again gives the same file), else the import's.
 */
function chooseDate(item: FeedItem, feed: ParsedFeed, now: Date): { date: Date; warning?: string } {
  const own = itemDate(item);
  if (own) return { date: own };
  const unreadable = item.published ?? item.updated;
  const why = unreadable ? `Its date "${unreadable}" could not be read` : 'The item has no date';
  const feedDate = parseFeedDate(feed.date);
  if (feedDate) return { date: feedDate, warning: `${why}; it was given the feed’s date and imported as a draft.` };
  const newest = newestDate(feed);
  if (newest) return { date: newest, warning: `${why}; it was given the date of the feed’s newest post and imported as a draft.` };
  return { date: now, warning: `${why}, nor has the feed; it was given the date of the import and imported as a draft.` };
}

/** Worked out once per feed: a feed without dates may have thousands of items. */
const newestDates = new WeakMap<ParsedFeed, Date | undefined>();

function newestDate(feed: ParsedFeed): Date | undefined {
  if (!newestDates.has(feed))
    newestDates.set(
      feed,
      feed.items.map(itemDate).reduce<Date | undefined>((latest, date) => (date && (!latest || date > latest) ? date : latest), undefined),
    );
  return newestDates.get(feed);
}

function itemDate(item: FeedItem): Date | undefined {
  return parseFeedDate(item.published) ?? parseFeedDate(item.updated);
}

function chooseSlug(item: FeedItem, title: string, dateText: string, settings: FeedEntrySettings): string {
  const fromLink = slugFromLink(item.link);
  const wanted = (fromLink ? shortSlug(fromLink, false) : shortSlug(slugify(title), true)) || 'post';
  // Lower case: macOS and Windows file systems, and the URLs that become folders, ignore case.
  const names = (candidate: string): string[] => [`posts/${dateText.slice(0, 10)}-${candidate}.md`, postUrl(dateText, candidate, settings.postPermalink)].map((name) => name.toLowerCase());
  const slug = uniqueName(wanted, (candidate) => names(candidate).some((name) => settings.taken.has(name)));
  for (const name of names(slug)) settings.taken.add(name);
  return slug;
}

/** The post's URL from its front-matter date (site wall clock) and slug, as the model makes it. */
function postUrl(dateText: string, slug: string, pattern: string): string {
  const [year, month, day] = dateText.slice(0, 10).split('-');
  return renderPermalink(pattern, { year, month, day, slug });
}

/** The item's old addresses the new site can answer: its link, and its guid when that is an address too. */
function oldPaths(item: FeedItem, siteUrl: URL): string[] {
  const paths: string[] = [];
  for (const old of [item.link, item.guid]) {
    // An address the build would refuse (a hostile feed's `%0A`) is not written.
    const path = sitePathOf(old, siteUrl);
    if (path && !redirectFromDanger(path) && path !== '/' && !paths.some((known) => samePath(known, path))) paths.push(path);
  }
  return paths;
}

/** The feed's summary as a standfirst, unless it is only the post's opening words cut short. */
function standfirst(summaryHtml: string | undefined, contentHtml: string): string | undefined {
  const summary = summaryText(summaryHtml);
  if (!summary) return undefined;
  const opening = summary.replace(/…$/, '').trim();
  return htmlToLine(contentHtml).startsWith(opening) ? undefined : summary;
}
