/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
import { absoluteUrlOf } from '../config/base-path.js';
import { siteRoot } from '../model/site-root.js';
import type { Site } from '../model/types.js';
import { stripInvalidXmlChars } from './escape-xml.js';
import { absolutiseHtml, itemId, type FeedSpec } from './feed-items.js';

/** Control characters and lone surrogates are dropped here as in the XML feeds, so every format shows the same text. */
const clean = (_key: string, value: unknown): unknown => (typeof value === 'string' ? stripInvalidXmlChars(value) : value);

/**
 * One JSON Feed 1.1 document for `spec`; `title` and `summary` are plain text, `content_html` HTML.
 *
 * @example
 * JSON.parse(renderJsonFeed(siteFeed(site, '/feed.json'), site)).version; // 'https://jsonfeed.org/version/1.1'
 */
export function renderJsonFeed(spec: FeedSpec, site: Site): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: spec.title,
    home_page_url: spec.homeUrl,
    feed_url: spec.selfUrl,
    ...(spec.description ? { description: spec.description } : {}),
    language: site.config.language,
    items: spec.posts.map((post) => ({
      id: itemId(post),
      url: post.absoluteUrl,
      title: post.title,
      content_html: absolutiseHtml(post.html, site.config.url),
      summary: post.excerpt,
      ...(post.image ? { image: absoluteUrlOf(siteRoot(site).url, post.image) } : {}),
      date_published: post.date.toISOString(),
      ...(post.updated ? { date_modified: post.updated.toISOString() } : {}),
      authors: post.authors.map((author) => ({ name: author.name, ...(author.known ? { url: `${site.config.url}${author.url}` } : {}) })),
      tags: post.tags.map((tag) => tag.name),
    })),
  };
  return `${JSON.stringify(feed, clean, 2)}\n`;
}
