/** Entries → Post objects: filter drafts and future posts, compute URLs, order newest first. */
import type { Config } from '../config/types.js';
import type { PostEntry } from '../content/types.js';
import type { Problem } from '../shared/errors.js';
import type { RenderedMarkdown } from '../markdown/types.js';
import { normaliseUrlPath, renderPermalink } from '../shared/permalink.js';
import { encodeUrlPath } from '../shared/check-url-path.js';
import { zonedParts, type ZonedParts } from '../shared/dates.js';
import type { Mutable } from './mutable.js';
import type { ModelOptions, Post } from './types.js';

type Comment = NonNullable<Post['comments']>[number];
import { urlProblems } from './url-problems.js';

const pad = (value: number): string => String(value).padStart(2, '0');

/** Published means: not a draft (unless drafts are on) and dated at or before the clock (unless future is on). */
function isPublished(entry: Pick<PostEntry, 'draft' | 'date'>, options: ModelOptions): boolean {
  if (entry.draft && !options.drafts) return false;
  return options.future || entry.date.getTime() <= options.now.getTime();
}

/** Newest first; equal dates fall back to the source path so the order never depends on the file system. */
function comparePostEntries(a: PostEntry, b: PostEntry): number {
  return b.date.getTime() - a.date.getTime() || (a.source.relativePath < b.source.relativePath ? -1 : a.source.relativePath > b.source.relativePath ? 1 : 0);
}

function postUrl(entry: PostEntry, config: Config, parts: ZonedParts): { url: string; problems: Problem[] } {
  const url =
    entry.permalink === undefined
      ? renderPermalink(config.permalinks.post, { year: String(parts.year), month: pad(parts.month), day: pad(parts.day), slug: entry.slug })
      : encodeUrlPath(normaliseUrlPath(entry.permalink));
  const position = entry.positions[entry.permalink === undefined ? 'slug' : 'permalink'];
  const origin = { file: entry.source.relativePath, line: position?.line, column: position?.column };
  return { url, problems: urlProblems(url, origin, 'Use a path made of plain segments, e.g. `permalink: /news/my-post/`.') };
}

/**
 * A post entry's URL and date parts, which cost a permalink render and a time-zone lookup each.
 * Entries and the config are immutable and a builder hands the same objects to every run while
 * their files are unchanged, so each is worked out once per entry and config.
 */
const placed = new WeakMap<Config, WeakMap<PostEntry, { url: string; problems: Problem[]; year: number; month: number }>>();

function placeOf(entry: PostEntry, config: Config): { url: string; problems: Problem[]; year: number; month: number } {
  let byEntry = placed.get(config);
  if (!byEntry) placed.set(config, (byEntry = new WeakMap()));
  let place = byEntry.get(entry);
  if (!place) {
    const parts = zonedParts(entry.date, config.timezone);
    byEntry.set(entry, (place = { ...postUrl(entry, config, parts), year: parts.year, month: parts.month }));
  }
  return place;
}

/** Comment text → plain paragraphs: blank lines separate them, other line breaks are spaces. */
function toComments(entry: PostEntry): Comment[] {
  return (entry.comments ?? []).map((comment) => ({
    name: comment.name,
    date: comment.date,
    website: comment.url,
    paragraphs: comment.text
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
      .filter((paragraph) => paragraph !== ''),
  }));
}

/** Only the fields a post has, so a post without them is the same object as before they existed. */
function migratedFields(entry: PostEntry): Pick<Post, 'guid' | 'sticky' | 'comments'> {
  return {
    ...(entry.guid ? { guid: entry.guid } : {}),
    ...(entry.sticky ? { sticky: true } : {}),
    ...(entry.comments?.length ? { comments: toComments(entry) } : {}),
  };
}

/** The fields of a post that `buildSite` links (to tags, authors, other posts); `createPost` leaves them empty. */
const LINKS = new Set<string>(['tags', 'authors', 'previous', 'next', 'related'] satisfies (keyof Post)[]);

/** One post without its links (tags, authors, neighbours, related): those are filled in by `buildSite`. */
export function createPost(entry: PostEntry, rendered: ReadonlyMap<string, RenderedMarkdown>, config: Config): { post: Mutable<Post>; problems: Problem[] } {
  const { url, problems, year, month } = placeOf(entry, config);
  const body = rendered.get(entry.source.relativePath);
  const post: Mutable<Post> = {
    kind: 'post',
    source: entry.source,
    title: entry.title,
    slug: entry.slug,
    date: entry.date,
    updated: entry.updated,
    url,
    absoluteUrl: `${config.url}${url}`,
    year,
    month,
    tags: [],
    authors: [],
    summary: entry.summary,
    excerpt: entry.summary ?? body?.excerpt ?? '',
    // Read when asked for: `build()` keeps bodies on disk (markdown/body-spool.ts), and this must not load them all.
    get html(): string {
      return body?.html ?? '';
    },
    wordCount: body?.wordCount ?? 0,
    readingMinutes: body?.readingMinutes ?? 1,
    image: entry.image,
    imageAlt: entry.imageAlt,
    draft: entry.draft,
    ...migratedFields(entry),
    previous: undefined,
    next: undefined,
    related: [],
  };
  return { post, problems };
}

/**
 * `post` (of a built model) made again from `fresh` (`createPost` of its entry as it is now), in place,
 * so every object that points at it (its neighbours, lists, tags) sees the new one; its links stay.
 * Only for an entry whose front matter is unchanged: the links follow from the front matter.
 */
export function refreshPost(post: Post, fresh: Post): void {
  for (const key of Object.keys(post)) if (!LINKS.has(key) && !Object.hasOwn(fresh, key)) delete (post as unknown as Record<string, unknown>)[key];
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(fresh))) if (!LINKS.has(key)) Object.defineProperty(post, key, descriptor);
}

/** Posts without their links (tags, authors, neighbours, related) — those are filled in by `buildSite`. */
export function createPosts(
  entries: readonly PostEntry[],
  rendered: ReadonlyMap<string, RenderedMarkdown>,
  config: Config,
  options: ModelOptions,
): { posts: Mutable<Post>[]; entries: PostEntry[]; problems: Problem[] } {
  const published = entries.filter((entry) => isPublished(entry, options)).sort(comparePostEntries);
  const problems: Problem[] = [];
  const posts = published.map((entry) => {
    const created = createPost(entry, rendered, config);
    problems.push(...created.problems);
    return created.post;
  });
  return { posts, entries: published, problems };
}
