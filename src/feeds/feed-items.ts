/** What every feed format shares: which posts, absolute URLs, and the feed's own metadata. */
import type { Post, Site, Tag } from '../model/types.js';

/** What one feed document shows, whatever its format. */
export interface FeedSpec {
  readonly title: string;
  readonly description: string;
  /** The HTML page this feed mirrors (absolute). */
  readonly homeUrl: string;
  /** This feed's own absolute URL. */
  readonly selfUrl: string;
  readonly posts: readonly Post[];
  /** Newest date among the posts (or the clock when there are none), for deterministic `updated`. */
  readonly updated: Date;
  /** The tag this feed is for (tag feeds only). */
  readonly tag?: Tag;
}

/** In a tag feed, an item lists at most this many of its post's tags (as post cards do). */
const TAG_FEED_CATEGORIES = 12;

/**
 * The tags an item lists. A tag feed would otherwise repeat every tag of the post in the
 * feed of every one of them: quadratic in the tags of one post (4,000 tags made 1.3 GB of
 * feeds). So a tag feed lists the post's first 12 tags, and its own tag when not among them.
 */
export function itemTags(post: Post, spec: FeedSpec): readonly Tag[] {
  if (!spec.tag || post.tags.length <= TAG_FEED_CATEGORIES) return post.tags;
  const first = post.tags.slice(0, TAG_FEED_CATEGORIES);
  return first.includes(spec.tag) ? first : [...first, spec.tag];
}

/** `site.config.url` + a root-relative URL. */
function absolute(site: Site, url: string): string {
  return `${site.config.url}${url}`;
}

function newest(posts: readonly Post[], fallback: Date): Date {
  let latest = posts.length > 0 ? new Date(0) : fallback;
  for (const post of posts) {
    const date = post.updated ?? post.date;
    if (date.getTime() > latest.getTime()) latest = date;
  }
  return latest;
}

/**
 * The site-wide feed: the newest `feedItems` posts.
 *
 * @example
 * siteFeed(site, '/feed.xml').selfUrl; // 'https://blog.example.org/feed.xml'
 */
export function siteFeed(site: Site, path: string): FeedSpec {
  const posts = site.posts.slice(0, site.config.feedItems);
  return { title: site.config.title, description: site.config.description, homeUrl: absolute(site, '/'), selfUrl: absolute(site, path), posts, updated: newest(posts, site.now) };
}

/**
 * One tag's feed: its newest `feedItems` posts, titled "<site>: <tag>".
 *
 * @example
 * tagFeed(site, tag).selfUrl; // 'https://blog.example.org/tag/ofsted/feed.xml'
 */
export function tagFeed(site: Site, tag: Tag): FeedSpec {
  const posts = tag.posts.slice(0, site.config.feedItems);
  return {
    title: `${site.config.title}: ${tag.name}`,
    description: site.config.description,
    homeUrl: absolute(site, tag.url),
    selfUrl: absolute(site, tag.feedUrl),
    posts,
    updated: newest(posts, site.now),
    tag,
  };
}

/**
 * Post HTML uses root-relative links that already carry the base path (`/blog/2024/…`,
 * `/blog/images/…`); feed readers have no base URL, so put the origin of the site URL in
 * front of `href` and `src` attributes that start with a single `/`.
 */
export function absolutiseHtml(html: string, siteUrl: string): string {
  return html.replace(/\b(href|src)="\/(?!\/)/g, `$1="${new URL(siteUrl).origin}/`);
}

/**
 * An item's id in the RSS and JSON feeds: the `guid` kept from an earlier platform, else the post's
 * URL; so readers that knew the old feed do not see migrated posts as new.
 */
export function itemId(post: Post): string {
  return post.guid ?? post.absoluteUrl;
}

/**
 * An entry's Atom `<id>`, which must be an absolute IRI: the `guid` when it is one
 * (`https://old.example.org/?p=123`, `tag:…`, `urn:…`), else the post's URL.
 */
export function atomId(post: Post): string {
  return post.guid !== undefined && /^[a-z][a-z0-9+.-]*:\S+$/i.test(post.guid) ? post.guid : post.absoluteUrl;
}
