/** RSS 2.0 with the full post in `content:encoded`, authors in `dc:creator`. */
import type { Post, Site } from '../model/types.js';
import { element, escapeXmlAttribute, textToHtml } from './escape-xml.js';
import { absolutiseHtml, itemId, itemTags, type FeedSpec } from './feed-items.js';

function renderItem(post: Post, spec: FeedSpec, site: Site): string {
  return [
    '<item>',
    element('title', post.title),
    element('link', post.absoluteUrl),
    element('guid', itemId(post), { isPermaLink: String(itemId(post) === post.absoluteUrl) }),
    element('pubDate', post.date.toUTCString()),
    ...post.authors.map((author) => element('dc:creator', author.name)),
    ...itemTags(post, spec).map((tag) => element('category', tag.name, { domain: `${site.config.url}${tag.url}` })),
    // Readers render `description` as HTML; the excerpt is plain text, so its markup must stay text.
    element('description', textToHtml(post.excerpt)),
    element('content:encoded', absolutiseHtml(post.html, site.config.url)),
    '</item>',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * One RSS document for `spec` (the site feed or a tag feed); guids are the posts' absolute URLs, or their `guid`.
 *
 * @example
 * renderRss(tagFeed(site, tag), site); // '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" …'
 */
export function renderRss(spec: FeedSpec, site: Site): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    element('title', spec.title),
    element('link', spec.homeUrl),
    element('description', spec.description || spec.title),
    element('language', site.config.language),
    element('lastBuildDate', spec.updated.toUTCString()),
    element('generator', 'sectorpress'),
    `<atom:link href="${escapeXmlAttribute(spec.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    ...spec.posts.map((post) => renderItem(post, spec, site)),
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
