/** RSS 2.0 with the full post in `content:encoded`. */
import type { Site } from '../model/types.js';
import { element, escapeXml } from './escape-xml.js';
import { absolutiseHtml, type FeedSpec } from './feed-items.js';

export function renderRss(spec: FeedSpec, site: Site): string {
  const items = spec.posts.map((post) => [
    '<item>',
    element('title', post.title),
    element('link', post.absoluteUrl),
    element('guid', post.absoluteUrl, { isPermaLink: 'true' }),
    element('pubDate', post.date.toUTCString()),
    ...post.authors.map((author) => element('dc:creator', author.name)),
    ...post.tags.map((tag) => element('category', tag.name, { domain: `${site.config.url}${tag.url}` })),
    element('description', post.excerpt),
    element('content:encoded', absolutiseHtml(post.html, site.config.url)),
    '</item>',
  ].filter(Boolean).join('\n'));
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
    `<atom:link href="${escapeXml(spec.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
