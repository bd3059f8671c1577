/** Atom 1.0 (RFC 4287). Titles and summaries are plain text (`type="text"`), content is HTML, escaped once. */
import type { Author, Post, Site } from '../model/types.js';
import { element, escapeXmlAttribute } from './escape-xml.js';
import { absolutiseHtml, atomId, type FeedSpec } from './feed-items.js';

function renderAuthor(author: Author, site: Site): string {
  return `<author>${element('name', author.name)}${author.known ? element('uri', `${site.config.url}${author.url}`) : ''}</author>`;
}

function renderEntry(post: Post, site: Site): string {
  return [
    '<entry>',
    element('title', post.title, { type: 'text' }),
    `<link rel="alternate" type="text/html" href="${escapeXmlAttribute(post.absoluteUrl)}"/>`,
    element('id', atomId(post)),
    element('published', post.date.toISOString()),
    element('updated', (post.updated ?? post.date).toISOString()),
    ...post.authors.map((author) => renderAuthor(author, site)),
    ...post.tags.map((tag) => `<category term="${escapeXmlAttribute(tag.slug)}" label="${escapeXmlAttribute(tag.name)}" scheme="${escapeXmlAttribute(`${site.config.url}/tag/`)}"/>`),
    element('summary', post.excerpt, { type: 'text' }),
    element('content', absolutiseHtml(post.html, site.config.url), { type: 'html' }),
    '</entry>',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * One Atom document for `spec`; entry ids are the posts' absolute URLs (stable across builds), or their `guid`.
 *
 * @example
 * renderAtom(siteFeed(site, '/atom.xml'), site); // '<?xml version="1.0" encoding="utf-8"?>\n<feed …'
 */
export function renderAtom(spec: FeedSpec, site: Site): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXmlAttribute(site.config.language)}">`,
    element('title', spec.title, { type: 'text' }),
    spec.description ? element('subtitle', spec.description, { type: 'text' }) : '',
    element('id', spec.selfUrl),
    `<link rel="self" type="application/atom+xml" href="${escapeXmlAttribute(spec.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXmlAttribute(spec.homeUrl)}"/>`,
    element('updated', spec.updated.toISOString()),
    `<author>${element('name', site.config.title)}</author>`,
    element('generator', 'sectorpress'),
    ...spec.posts.map((post) => renderEntry(post, site)),
    '</feed>',
    '',
  ]
    .filter(Boolean)
    .join('\n');
}
