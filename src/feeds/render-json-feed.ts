/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
import type { Site } from '../model/types.js';
import { absolutiseHtml, type FeedSpec } from './feed-items.js';

export function renderJsonFeed(spec: FeedSpec, site: Site): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: spec.title,
    home_page_url: spec.homeUrl,
    feed_url: spec.selfUrl,
    ...(spec.description ? { description: spec.description } : {}),
    language: site.config.language,
    items: spec.posts.map((post) => ({
      id: post.absoluteUrl,
      url: post.absoluteUrl,
      title: post.title,
      content_html: absolutiseHtml(post.html, site.config.url),
      summary: post.excerpt,
      ...(post.image ? { image: new URL(post.image, `${site.config.url}/`).href } : {}),
      date_published: post.date.toISOString(),
      ...(post.updated ? { date_modified: post.updated.toISOString() } : {}),
      authors: post.authors.map((author) => ({ name: author.name, ...(author.known ? { url: `${site.config.url}${author.url}` } : {}) })),
      tags: post.tags.map((tag) => tag.name),
    })),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
