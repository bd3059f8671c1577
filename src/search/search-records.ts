/**
 * The Site model → one search record per post and page: title, main content as text, the
 * public URL (base path included), date and tags. Built from the model rather than from the
 * rendered pages, so only main content and title are indexed (never headers, sidebars or
 * footers) and no page is parsed again.
 */
import { createHash } from 'node:crypto';
import { withBasePath } from '../config/base-path.js';
import type { Page, Post, Site } from '../model/types.js';
import { formatDate } from '../shared/dates.js';
import { textOfHtml } from './html-text.js';
import { everyLanguage } from '../model/site-root.js';

/** One indexed page, in the shape Pagefind's `addCustomRecord` takes. */
export interface SearchRecord {
  /** Public URL, base path included: `/blog/2026/05/bins/`. */
  readonly url: string;
  readonly content: string;
  /** ISO 639-1 code Pagefind indexes the record under. */
  readonly language: string;
  /** `title` always; posts add `date` (as the theme prints it) and `datetime` (ISO). */
  readonly meta: Readonly<Record<string, string>>;
  /** `kind` (post or page) and, for posts, `tag` (display names). */
  readonly filters: Readonly<Record<string, readonly string[]>>;
  /** Posts sort by `date` (ISO, so string order is date order). */
  readonly sort: Readonly<Record<string, string>>;
}

/** `en-GB` → `en`: Pagefind splits indexes by ISO 639-1 language. */
export function indexLanguage(language: string): string {
  return (language.split('-')[0] ?? 'en').toLowerCase();
}

function postRecord(post: Post, site: Site, language: string): SearchRecord {
  const { config } = site;
  const datetime = post.date.toISOString();
  return {
    url: withBasePath(config.basePath, post.url),
    content: `${post.title}. ${textOfHtml(post.html)}`,
    language,
    meta: { title: post.title, date: formatDate(post.date, config.dateFormats.long, { timezone: config.timezone, language: config.language }), datetime },
    filters: { kind: ['post'], tag: post.tags.map((tag) => tag.name) },
    sort: { date: datetime },
  };
}

function pageRecord(page: Page, site: Site, language: string): SearchRecord {
  return {
    url: withBasePath(site.config.basePath, page.url),
    content: `${page.title}. ${textOfHtml(page.html)}`,
    language,
    meta: { title: page.title },
    filters: { kind: ['page'] },
    sort: {},
  };
}

/** One post or page to index, with its public URL: enough to pick its shard and key it without making its record. */
export interface SearchItem {
  readonly url: string;
  /** Its language's model (the site itself on a one-language site). */
  readonly own: Site;
  readonly entry: { readonly kind: 'post'; readonly post: Post } | { readonly kind: 'page'; readonly page: Page };
}

/** Every post and page of `site` to index, in record order: posts first (newest first), then pages, language by language. */
export function searchItems(site: Site): SearchItem[] {
  return everyLanguage(site).flatMap((own) => [
    ...own.posts.map((post): SearchItem => ({ url: withBasePath(own.config.basePath, post.url), own, entry: { kind: 'post', post } })),
    ...own.pages.map((page): SearchItem => ({ url: withBasePath(own.config.basePath, page.url), own, entry: { kind: 'page', page } })),
  ]);
}

/** The record of one item: its text is extracted here, so records can be made a shard at a time. */
export function makeRecord(item: SearchItem): SearchRecord {
  const language = indexLanguage(item.own.config.language);
  return item.entry.kind === 'post' ? postRecord(item.entry.post, item.own, language) : pageRecord(item.entry.page, item.own, language);
}

/**
 * Every post and page of `site` as a search record, posts first (newest first), then pages.
 *
 * @example
 * searchRecords(site)[0]?.meta.title; // the newest post's title
 */
export function searchRecords(site: Site): SearchRecord[] {
  // One bundle for every language: Pagefind keeps an index per record language, and its script
  // picks the one matching the page's `<html lang>`, so `/cy/search/` finds only Welsh pages.
  return searchItems(site).map(makeRecord);
}

/** `recordsDigest` a record at a time, so records can be made, digested and sent a batch at a time. */
export function recordsDigester(indexer: string): { add: (record: SearchRecord) => void; digest: () => string } {
  const hash = createHash('sha256').update(indexer);
  return { add: (record) => hash.update('\0').update(JSON.stringify(record)), digest: () => hash.digest('hex') };
}

/** A digest of everything the index is made from: equal digests give byte-identical indexes. */
export function recordsDigest(records: readonly SearchRecord[], indexer: string): string {
  const digester = recordsDigester(indexer);
  for (const record of records) digester.add(record);
  return digester.digest();
}

/**
 * A cheap key of what the records are made from (each source file's digest, URL, title, date and
 * tags, plus `context`: a digest of the config and Markdown pipeline). Equal keys mean equal
 * records, so a rebuild that changed nothing searchable skips making them; unequal keys may
 * still give equal records (`recordsDigest` decides).
 */
export function searchInputsKey(site: Site, context: string): string {
  const hash = createHash('sha256').update(context);
  for (const own of everyLanguage(site)) {
    if (own !== site) hash.update(`\0lang\0${own.config.language}`);
    for (const post of own.posts) hash.update(postKey(post));
    for (const page of own.pages) hash.update(pageKey(page));
  }
  return hash.digest('hex');
}

const postKey = (post: Post): string => `\0${post.source.digest}\0${post.url}\0${post.title}\0${post.date.getTime()}\0${post.tags.map((tag) => tag.name).join('\u0001')}`;
const pageKey = (page: Page): string => `\0${page.source.digest}\0${page.url}\0${page.title}`;

/** `searchInputsKey` for some items only (one shard's): equal keys mean equal records. */
export function itemsInputsKey(items: readonly SearchItem[], context: string): string {
  const hash = createHash('sha256').update(context);
  for (const item of items) hash.update(`\0${item.own.config.language}`).update(item.entry.kind === 'post' ? postKey(item.entry.post) : pageKey(item.entry.page));
  return hash.digest('hex');
}
