/**
 * One WordPress post or page → an `ImportedEntry`: the status rules (only `publish` is published), dates
 * in the site's time zone, tags, featured image, old addresses, comments.
 */
import { quoteAddress } from '../shared/check-url-path.js';
import { slugify } from '../shared/slug.js';
import type { FootnoteText } from './convert-footnotes.js';
import { convertPostBounded } from './convert-post-bounded.js';
import type { ConvertedPost } from './convert-post-html.js';
import { htmlToLine } from './plain-text.js';
import { shortSlug } from './short-slug.js';
import { noneRemoved, REMOVED_ACTION, type RemovedContent, removedSentence } from './removed-content.js';
import type { ImportedEntry, ImportWarning } from './types.js';
import { readComments } from './wxr-comments.js';
import { dateParts, frontMatterDate, zoneMismatch } from './wxr-dates.js';
import { oldSitePath, redirectFrom, usablePermalink } from './old-urls.js';
import type { WxrItem, WxrItemTerm } from './wxr-records.js';

/** What a featured image or gallery id resolves to. */
export interface Attachment {
  url: string;
  alt?: string;
  caption?: string;
  /** The post it was uploaded to. */
  parent?: string;
}

/** What every post of one import shares. */
export interface EntryContext {
  readonly zone: string;
  readonly siteUrl: string;
  readonly categories: 'tags' | 'separate';
  readonly comments: boolean;
  readonly attachments: ReadonlyMap<string, Attachment>;
  /** WordPress login → author key. */
  readonly authorKeys: ReadonlyMap<string, string>;
}

/** The entry and what the run needs to know about it. */
export interface BuiltEntry {
  readonly entry: ImportedEntry;
  readonly published: boolean;
  readonly warnings: ImportWarning[];
  readonly media: string[];
  /** Terms the post uses, with the new tag slug each became (`''` when not a tag). */
  readonly terms: { term: WxrItemTerm; slug: string }[];
  readonly day?: string;
  readonly commentsKept: number;
  /** The body could not be converted (over a limit, or the converter failed): a draft with a note, and a report line. */
  readonly failed: boolean;
  /** Active content left out of the body, by kind. */
  readonly removed: RemovedContent;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function termNames(item: WxrItem, context: EntryContext): { tags?: string[]; categories?: string[]; terms: { term: WxrItemTerm; slug: string }[] } {
  const tags = new Map<string, string>();
  const categories: string[] = [];
  const terms: { term: WxrItemTerm; slug: string }[] = [];
  const ordered = [...item.terms.filter((term) => term.domain === 'category'), ...item.terms.filter((term) => term.domain === 'post_tag')];
  for (const term of ordered) {
    if (term.domain === 'category' && term.nicename === 'uncategorized') continue;
    const name = htmlToLine(term.name);
    const slug = slugify(name);
    if (term.domain === 'category' && context.categories === 'separate') {
      categories.push(name);
      terms.push({ term, slug: '' });
    } else {
      if (slug && !tags.has(slug)) tags.set(slug, name);
      terms.push({ term, slug });
    }
  }
  return { tags: tags.size ? [...tags.values()] : undefined, categories: categories.length ? categories : undefined, terms };
}

/** The post's slug: WordPress's (percent-decoded), else from the title, else from the ID. */
function slugOf(item: WxrItem, title: string): string {
  return shortSlug(slugify(safeDecode(item.slug).replace(/__trashed$/, '')), false) || shortSlug(slugify(title), true) || shortSlug(slugify(`${item.type}-${item.id}`), true);
}

function sourceOf(item: WxrItem, title: string): string {
  return `${item.type} ${item.id} “${title}” (line ${item.line})`;
}

function statusWarnings(item: WxrItem, source: string): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  if (item.password)
    warnings.push({
      source,
      message: 'is password-protected: imported as a draft (`draft: true`) with its title only; its text and excerpt were not imported.',
      action: 'If it should be public, copy its text from WordPress into the file and delete `draft: true`; else delete the file.',
    });
  return warnings;
}

function imageOf(item: WxrItem, context: EntryContext, source: string, warnings: ImportWarning[]): Attachment | undefined {
  const id = item.meta.get('_thumbnail_id');
  if (!id) return undefined;
  const attachment = context.attachments.get(id);
  if (!attachment)
    warnings.push({ source, message: `has a featured image (attachment ${id}) that is not in the export.`, action: 'Add `image:` and `imageAlt:` by hand, or export again with media included.' });
  else if (!attachment.alt)
    warnings.push({ source, message: 'has a featured image without alternative text.', action: 'Add `imageAlt:` describing the image (or `imageAlt: ""` if it is decorative).' });
  return attachment;
}

function addresses(item: WxrItem, context: EntryContext, defaultUrl: string): { permalink?: string; redirects: string[]; refused: string[] } {
  const old = oldSitePath(item.link, context.siteUrl);
  const kept = usablePermalink(old);
  const written = [old && !kept ? old : undefined, item.type === 'page' ? `/?page_id=${item.id}` : `/?p=${item.id}`].filter((each): each is string => Boolean(each));
  // The export's link and ID are its word: one the build would refuse (a line break, a `..`) is not written.
  const refused = written.filter((each) => redirectFrom(each) === undefined);
  const redirects = written.flatMap((each) => redirectFrom(each) ?? []);
  const unique = [...new Set(redirects.filter((each) => each !== kept && each !== defaultUrl))];
  return { permalink: kept && kept !== defaultUrl ? kept : undefined, redirects: unique, refused };
}

/** The block editor keeps footnote texts in the post's `footnotes` meta, as JSON `[{ id, content }]`. */
function blockFootnotes(json: string | undefined): FootnoteText[] | undefined {
  if (!json) return undefined;
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return undefined;
    return parsed.filter((each): each is FootnoteText => typeof each?.id === 'string' && typeof each?.content === 'string');
  } catch {
    return undefined;
  }
}

/** Where the entry goes: its title, report name, slug, file and the URL the new site would give it. */
function placeOf(item: WxrItem, chooseFile: (wanted: string) => string) {
  const title = htmlToLine(item.title) || `Untitled ${item.type} ${item.id}`;
  const slug = slugOf(item, title);
  const parts = dateParts(item.date) ?? dateParts(item.modified);
  const file = chooseFile(item.type === 'page' ? `pages/${slug}.md` : `posts/${parts ? `${parts.year}-${parts.month}-${parts.day}-` : ''}${slug}.md`);
  const defaultUrl = item.type === 'page' ? `/${file.slice('pages/'.length, -'.md'.length)}/` : `/${parts?.year}/${parts?.month}/${slug}/`;
  return { title, source: sourceOf(item, title), slug, day: parts ? `${parts.year}/${parts.month}/${parts.day}` : undefined, file, defaultUrl };
}

/** The body as Markdown (undefined when it could not be converted), with a report line for each thing the conversion could not do and a date that looks off. */
function convertBody(item: WxrItem, context: EntryContext, source: string, warnings: ImportWarning[]): ConvertedPost | undefined {
  const mismatch = zoneMismatch(item.date, item.dateGmt, context.zone);
  if (mismatch)
    warnings.push({
      source,
      message: `is dated ${item.date} but its GMT date ${item.dateGmt} means the old site ran at ${mismatch}, not ${context.zone}.`,
      action: 'Check the date; if the old site used another time zone, import again with --time-zone.',
    });
  const options = { classic: !item.content.includes('<!-- wp:'), siteUrl: context.siteUrl, postId: item.id, footnotes: blockFootnotes(item.meta.get('footnotes')) };
  const bounded = convertPostBounded(item.content, options, context.attachments);
  if ('failure' in bounded) {
    if (!item.password) warnings.push({ source, message: `was not converted: ${bounded.failure}. It was imported as a draft with a note in place of its text.`, action: FAILED_ACTION });
    return undefined;
  }
  const converted = bounded.post;
  for (const message of converted.warnings) warnings.push({ source, message, action: 'Check the post and edit it by hand.' });
  const removed = item.password ? undefined : removedSentence(converted.removed);
  if (removed) warnings.push({ source, message: removed, action: REMOVED_ACTION });
  if (converted.unknownShortcodes.length)
    warnings.push({ source, message: `uses shortcodes left as text: ${converted.unknownShortcodes.map((name) => `[${name}]`).join(', ')}.`, action: 'Replace them with Markdown or HTML by hand.' });
  return converted;
}

const FAILED_ACTION = 'Copy its text from the old site into the file by hand (or split it there into several posts and import again), then delete `draft: true`.';
const FAILED_NOTE = 'This post could not be converted, so its text was not imported. See import-report.md.\n';
const PASSWORD_NOTE = 'This post was password-protected on the old site, so its text was not imported. See import-report.md.\n';

/** Build the entry for a post or page; `chooseFile` keeps file names unique across the import. */
export function buildEntry(item: WxrItem, context: EntryContext, chooseFile: (wanted: string) => string): BuiltEntry {
  const place = placeOf(item, chooseFile);
  const { title, source, slug, file } = place;
  const warnings = statusWarnings(item, source);
  const converted = convertBody(item, context, source, warnings);
  const published = item.status === 'publish' && !item.password && converted !== undefined;
  const image = imageOf(item, context, source, warnings);
  const names = termNames(item, context);
  const old = published ? addresses(item, context, place.defaultUrl) : { redirects: [], refused: [] };
  for (const address of old.refused)
    warnings.push({
      source,
      message: `has the old address ${quoteAddress(address)}, which cannot be redirected (it has a line break, space or other character a redirect may not hold).`,
      action: 'Add the old address to `redirects` by hand if it matters, written as one line.',
    });
  // A password-protected post's comments are as private as its text.
  const comments = context.comments && !item.password ? readComments(item.comments, context.zone) : [];
  const date = frontMatterDate(item.date) ?? frontMatterDate(item.modified);
  const updated = frontMatterDate(item.modified);
  const post = item.type === 'post';
  const author = context.authorKeys.get(item.creator);
  const frontMatter: Record<string, unknown> = {
    title,
    date: post ? date : undefined,
    updated: post && updated && date && updated > date ? updated : undefined,
    slug: post ? slug : undefined,
    summary: item.password ? undefined : htmlToLine(item.excerpt) || undefined,
    author: post && author ? [author] : undefined,
    tags: post ? names.tags : undefined,
    categories: post ? names.categories : undefined,
    sticky: post && item.sticky ? true : undefined,
    image: image?.url,
    imageAlt: image?.alt || undefined,
    guid: item.guid || undefined,
    permalink: old.permalink,
    redirects: old.redirects.length ? old.redirects : undefined,
    comments: comments.length ? comments : undefined,
    draft: published ? undefined : true,
  };
  // A password-protected post's text stays on the old site: in the site folder it would be one
  // `--drafts` preview or one deleted `draft:` line away from being published.
  const markdown = item.password ? PASSWORD_NOTE : (converted?.markdown ?? FAILED_NOTE);
  const media = item.password || !converted ? [] : converted.media;
  const entry: ImportedEntry = { kind: post ? 'post' : 'page', file, frontMatter, markdown, source };
  return {
    entry,
    published,
    warnings,
    media: image ? [...media, image.url] : media,
    terms: names.terms,
    day: place.day,
    commentsKept: comments.length,
    failed: converted === undefined,
    removed: item.password || !converted ? noneRemoved() : converted.removed,
  };
}
