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
}

/** `site.config.url` + a root-relative URL. */
export function absolute(site: Site, url: string): string {
  return `${site.config.url}${url}`;
}

function newest(posts: readonly Post[], fallback: Date): Date {
  return posts.reduce((latest, post) => {
    const date = post.updated ?? post.date;
    return date > latest ? date : latest;
  }, posts.length > 0 ? new Date(0) : fallback);
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
  return { title: `${site.config.title}: ${tag.name}`, description: site.config.description, homeUrl: absolute(site, tag.url), selfUrl: absolute(site, tag.feedUrl), posts, updated: newest(posts, site.now) };
}

/**
 * Post HTML uses root-relative links that already carry the base path (`/blog/2024/…`,
 * `/blog/images/…`); feed readers have no base URL, so put the origin of the site URL in
 * front of `href` and `src` attributes that start with a single `/`.
 */
export function absolutiseHtml(html: string, siteUrl: string): string {
  return html.replace(/\b(href|src)="\/(?!\/)/g, `$1="${new URL(siteUrl).origin}/`);
}
