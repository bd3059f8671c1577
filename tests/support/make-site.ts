/**
 * A small but complete, consistent `Site` built straight from plain values, without loading,
 * Markdown or the model stage — for unit tests of routes, templates and feeds.
 *
 * Strings are used exactly as given (no control characters dropped, no trimming), so a test can
 * hand a stage hostile text the real model would have cleaned. Drafts and posts dated after
 * `now` are left out, as the model does by default.
 *
 * @example
 * const site = makeSite();                                  // 5 posts, 2 authors, 2 pages, 3 events
 * const one = makeSite({ posts: [{ title: 'Hello', date: '2024-01-02', tags: ['Ofsted'] }] });
 * const cfg = makeSite({ config: { feedItems: 2, url: 'https://x.example/blog' } });
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { basePathOf } from '../../src/config/base-path.js';
import type { Config } from '../../src/config/types.js';
import type { SourceRef } from '../../src/content/types.js';
import { slugify } from '../../src/shared/slug.js';
import type { Author, Event, MonthArchive, Page, Post, Site, Tag, YearArchive } from '../../src/model/types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type When = string | Date;

interface PostSpec {
  readonly title: string;
  readonly date: When;
  readonly updated?: When;
  readonly tags?: readonly string[];
  /** Keys of `authors`; a key not there becomes an unknown author (`known: false`). */
  readonly authors?: readonly string[];
  readonly summary?: string;
  /** Rendered body; default: two short paragraphs, one with a root-relative link. */
  readonly html?: string;
  readonly slug?: string;
  readonly image?: string;
  readonly imageAlt?: string;
  readonly draft?: boolean;
}

interface AuthorSpec {
  readonly key: string;
  readonly name: string;
  readonly role?: string;
  readonly email?: string;
  readonly avatar?: string;
  readonly bio?: string;
  readonly website?: string;
}

interface PageSpec {
  /** Path under `pages/` without extension, e.g. `about`. */
  readonly path: string;
  readonly title: string;
  readonly summary?: string;
  readonly html?: string;
  readonly order?: number;
}

interface EventSpec {
  readonly title: string;
  readonly start: When;
  readonly end?: When;
  readonly location?: string;
  readonly bookingUrl?: string;
  readonly summary?: string;
  readonly html?: string;
  readonly slug?: string;
}

/** Everything optional; a list given replaces the default list whole. */
export interface SiteOverrides {
  readonly config?: Partial<Config>;
  readonly now?: When;
  readonly posts?: readonly PostSpec[];
  readonly authors?: readonly AuthorSpec[];
  readonly pages?: readonly PageSpec[];
  readonly events?: readonly EventSpec[];
  readonly data?: Readonly<Record<string, unknown>>;
}

const DEFAULT_NOW = '2024-05-15T12:00:00Z';

const DEFAULT_AUTHORS: readonly AuthorSpec[] = [
  { key: 'jo-bloggs', name: 'Jo Bloggs', role: 'Director of Children’s Services', email: 'jo@example.org', avatar: '/images/jo.jpg', bio: 'Jo leads children’s services.' },
  { key: 'sam-patel', name: 'Sam Patel', role: 'Head of Safeguarding' },
];

/** Newest first once sorted; the third sits just after midnight BST on 1 April (UTC 31 March). */
const DEFAULT_POSTS: readonly PostSpec[] = [
  { title: 'Family hubs: the first year', date: '2024-05-01T09:00:00Z', tags: ['Family hubs', 'Early help'], authors: ['jo-bloggs'] },
  {
    title: 'What Ofsted told us',
    date: '2024-04-02T08:00:00Z',
    updated: '2024-04-10T10:00:00Z',
    tags: ['Inspection', 'Ofsted'],
    authors: ['jo-bloggs', 'sam-patel'],
    image: '/images/ofsted.jpg',
    imageAlt: 'Inspectors',
  },
  { title: 'Care review: next steps', date: '2024-03-31T23:30:00Z', tags: ['Care review', 'Children’s services'], authors: ['sam-patel'], summary: 'Where the care review leaves us.' },
  { title: 'Winter pressures', date: '2023-11-20T00:00:00Z', tags: ['Early help'], authors: ['jo-bloggs'], summary: 'Demand rose again.' },
  { title: 'Regional improvement alliance', date: '2023-06-05T08:00:00Z', tags: ["Children's services"], authors: ['sam-patel'] },
];

const DEFAULT_PAGES: readonly PageSpec[] = [
  { path: 'about', title: 'About this blog', order: 1 },
  { path: 'accessibility', title: 'Accessibility statement', order: 2 },
];

const DEFAULT_EVENTS: readonly EventSpec[] = [
  { title: 'Regional conference', start: '2024-06-12T08:00:00Z', end: '2024-06-12T16:00:00Z', location: 'Leeds Town Hall, Leeds', bookingUrl: 'https://tickets.example.org/conf' },
  { title: 'Foster carer evening', start: '2024-07-03T17:30:00Z', location: 'Online' },
  { title: 'Spring briefing', start: '2024-03-01T10:00:00Z', end: '2024-03-01T11:00:00Z', summary: 'Budget and plans.' },
];

const THEME = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../theme');

/** A complete, frozen-looking `Config` with the documented defaults. */
export function makeConfig(overrides: Partial<Config> = {}): Config {
  const url = overrides.url ?? 'https://blog.example.org';
  return {
    basePath: basePathOf(url),
    root: '/site',
    configFile: undefined,
    title: 'Children’s Services Blog',
    description: 'News from the directorate.',
    url: 'https://blog.example.org',
    language: 'en-GB',
    timezone: 'Europe/London',
    perPage: 10,
    feedItems: 20,
    relatedPosts: 3,
    permalinks: { post: '/:year/:month/:slug/', tag: '/tag/:slug/', author: '/author/:slug/' },
    theme: THEME,
    outDir: '/site/_site',
    markdown: { remarkPlugins: [], rehypePlugins: [], sanitize: false, timeoutMs: 10_000, maxBodyBytes: 20_000_000 },
    helpers: {},
    now: undefined,
    navigation: [],
    tagPages: 'excerpt',
    dateFormats: { long: 'd LLLL yyyy', short: 'ccc, dd LLL yy HH:mm' },
    subscribe: false,
    themeOptions: {},
    images: { avif: false },
    search: true,
    ...overrides,
  };
}

const toDate = (when: When): Date => (when instanceof Date ? when : new Date(when));
const pad = (n: number): string => String(n).padStart(2, '0');
const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const plainText = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
const firstParagraph = (html: string): string => plainText(/<p>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? html);
const source = (relativePath: string): SourceRef => ({
  path: `/site/${relativePath}`,
  relativePath,
  digest: relativePath
    .replace(/[^a-z0-9]/g, '')
    .padEnd(64, '0')
    .slice(0, 64),
});
const defaultHtml = (title: string): string => `<p>${escapeHtml(title)}: what happened and why it matters.</p>\n<p>Read more <a href="/about/">about us</a>.</p>`;

function makeAuthors(specs: readonly AuthorSpec[], posts: readonly PostSpec[]): Map<string, Mutable<Author>> {
  const authors = new Map<string, Mutable<Author>>();
  const add = (spec: AuthorSpec, known: boolean): void => {
    authors.set(spec.key, {
      key: spec.key,
      slug: spec.key,
      name: spec.name,
      role: spec.role,
      email: spec.email,
      avatar: spec.avatar,
      bio: spec.bio,
      website: spec.website,
      url: `/author/${spec.key}/`,
      posts: [],
      known,
    });
  };
  for (const spec of specs) add(spec, true);
  for (const key of posts.flatMap((post) => post.authors ?? [])) if (!authors.has(key)) add({ key, name: key }, false);
  return authors;
}

function makePost(spec: PostSpec, config: Config): Mutable<Post> {
  const date = toDate(spec.date);
  const local = DateTime.fromJSDate(date, { zone: config.timezone });
  const slug = spec.slug ?? slugify(spec.title);
  const url = `/${local.year}/${pad(local.month)}/${encodeURIComponent(slug)}/`;
  const html = spec.html ?? defaultHtml(spec.title);
  const words = plainText(html).split(/\s+/).filter(Boolean).length;
  return {
    kind: 'post',
    source: source(`posts/${date.toISOString().slice(0, 10)}-${slug}.md`),
    title: spec.title,
    slug,
    date,
    updated: spec.updated === undefined ? undefined : toDate(spec.updated),
    url,
    absoluteUrl: `${config.url}${url}`,
    year: local.year,
    month: local.month,
    tags: [],
    authors: [],
    summary: spec.summary,
    excerpt: spec.summary ?? firstParagraph(html),
    html,
    wordCount: words,
    readingMinutes: Math.max(1, Math.round(words / 200)),
    image: spec.image,
    imageAlt: spec.imageAlt,
    draft: spec.draft ?? false,
    previous: undefined,
    next: undefined,
    related: [],
  };
}

/** Tags merge by slug (’ and ' alike); the shown spelling is the one most posts use (ties: the oldest post's). */
function linkTags(posts: readonly Mutable<Post>[], specs: ReadonlyMap<Post, PostSpec>): Tag[] {
  const groups = new Map<string, { posts: Mutable<Post>[]; spellings: string[] }>();
  for (const post of posts) {
    for (const name of new Set(specs.get(post)?.tags ?? [])) {
      // As in the model: a tag with nothing sluggable in it (say `]]>`) is dropped.
      if (slugify(name) === '') continue;
      const group = groups.get(slugify(name)) ?? { posts: [], spellings: [] };
      if (!group.posts.includes(post)) group.posts.push(post);
      group.spellings.push(name);
      groups.set(slugify(name), group);
    }
  }
  const tags = [...groups].map(([slug, group]): Tag => {
    const count = (name: string): number => group.spellings.filter((spelling) => spelling === name).length;
    const oldestFirst = [...group.spellings].reverse();
    const name = oldestFirst.reduce((best, candidate) => (count(candidate) > count(best) ? candidate : best), oldestFirst[0] ?? slug);
    return { name, slug, url: `/tag/${encodeURIComponent(slug)}/`, feedUrl: `/tag/${encodeURIComponent(slug)}/feed.xml`, posts: group.posts, count: group.posts.length };
  });
  for (const post of posts) post.tags = tags.filter((tag) => tag.posts.includes(post));
  return tags.sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

function linkNeighbours(posts: readonly Mutable<Post>[], relatedCount: number): void {
  posts.forEach((post, index) => {
    post.next = posts[index - 1];
    post.previous = posts[index + 1];
    const shared = (other: Post): number => other.tags.filter((tag) => post.tags.includes(tag)).length;
    post.related = posts
      .filter((other) => other !== post && shared(other) > 0)
      .sort((a, b) => shared(b) - shared(a) || b.date.getTime() - a.date.getTime())
      .slice(0, relatedCount);
  });
}

function groupYears(posts: readonly Post[]): YearArchive[] {
  const years: YearArchive[] = [];
  for (const year of [...new Set(posts.map((post) => post.year))]) {
    const inYear = posts.filter((post) => post.year === year);
    const months = [...new Set(inYear.map((post) => post.month))].map((month): MonthArchive => ({ year, month, url: `/${year}/${pad(month)}/`, posts: inYear.filter((post) => post.month === month) }));
    years.push({ year, url: `/${year}/`, posts: inYear, months });
  }
  return years;
}

function makeEvent(spec: EventSpec, config: Config, now: Date): Event {
  const slug = spec.slug ?? slugify(spec.title);
  const url = `/events/${slug}/`;
  const start = toDate(spec.start);
  const end = spec.end === undefined ? undefined : toDate(spec.end);
  const html = spec.html ?? defaultHtml(spec.title);
  return {
    kind: 'event',
    source: source(`events/${slug}.md`),
    title: spec.title,
    slug,
    start,
    end,
    location: spec.location,
    bookingUrl: spec.bookingUrl,
    summary: spec.summary,
    excerpt: spec.summary ?? firstParagraph(html),
    html,
    url,
    absoluteUrl: `${config.url}${url}`,
    icsUrl: `${url}event.ics`,
    upcoming: (end ?? start).getTime() >= now.getTime(),
  };
}

function makePage(spec: PageSpec, config: Config): Page {
  const url = `/${spec.path}/`;
  const html = spec.html ?? defaultHtml(spec.title);
  return {
    kind: 'page',
    source: source(`pages/${spec.path}.md`),
    title: spec.title,
    url,
    absoluteUrl: `${config.url}${url}`,
    summary: spec.summary,
    excerpt: spec.summary ?? firstParagraph(html),
    html,
    order: spec.order,
  };
}

/** Build the whole model; see the file comment for what it does and does not imitate. */
export function makeSite(overrides: SiteOverrides = {}): Site {
  const config = makeConfig(overrides.config);
  const now = toDate(overrides.now ?? DEFAULT_NOW);
  const postSpecs = (overrides.posts ?? DEFAULT_POSTS).filter((spec) => !spec.draft && toDate(spec.date) <= now);
  const specOf = new Map<Post, PostSpec>();
  const posts = postSpecs
    .map((spec) => {
      const post = makePost(spec, config);
      specOf.set(post, spec);
      return post;
    })
    .sort((a, b) => b.date.getTime() - a.date.getTime() || a.source.relativePath.localeCompare(b.source.relativePath));
  const authorsByKey = makeAuthors(overrides.authors ?? DEFAULT_AUTHORS, postSpecs);
  for (const post of posts) {
    post.authors = (specOf.get(post)?.authors ?? []).flatMap((key) => authorsByKey.get(key) ?? []);
    for (const author of post.authors) (author.posts as Post[]).push(post);
  }
  const tags = linkTags(posts, specOf);
  linkNeighbours(posts, config.relatedPosts);
  const events = (overrides.events ?? DEFAULT_EVENTS)
    .map((spec) => makeEvent(spec, config, now))
    .sort((a, b) => a.start.getTime() - b.start.getTime() || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const upcoming = events.filter((event) => event.upcoming);
  const past = events.filter((event) => !event.upcoming).reverse();
  return {
    config,
    now,
    posts,
    pages: (overrides.pages ?? DEFAULT_PAGES).map((spec) => makePage(spec, config)),
    tags,
    tagsBySlug: new Map(tags.map((tag) => [tag.slug, tag])),
    authors: [...authorsByKey.values()].sort((a, b) => a.name.localeCompare(b.name, 'en')),
    authorsByKey,
    years: groupYears(posts),
    events: { upcoming, past, all: events },
    nextEvent: upcoming[0],
    data: overrides.data ?? {},
    statics: [],
    images: new Map(),
  };
}
