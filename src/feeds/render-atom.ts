/** Atom 1.0. Titles and summaries are plain text (`type="text"`), content is HTML, escaped once. */
import type { Site } from '../model/types.js';
import { element, escapeXml } from './escape-xml.js';
import { absolutiseHtml, type FeedSpec } from './feed-items.js';

export function renderAtom(spec: FeedSpec, site: Site): string {
  const entries = spec.posts.map((post) => [
    '<entry>',
    element('title', post.title, { type: 'text' }),
    `<link rel="alternate" type="text/html" href="${escapeXml(post.absoluteUrl)}"/>`,
    element('id', post.absoluteUrl),
    element('published', post.date.toISOString()),
    element('updated', (post.updated ?? post.date).toISOString()),
    ...post.authors.map((author) => `<author>${element('name', author.name)}${author.known ? `<uri>${escapeXml(`${site.config.url}${author.url}`)}</uri>` : ''}</author>`),
    ...post.tags.map((tag) => `<category term="${escapeXml(tag.slug)}" label="${escapeXml(tag.name)}"/>`),
    element('summary', post.excerpt, { type: 'text' }),
    element('content', absolutiseHtml(post.html, site.config.url), { type: 'html' }),
    '</entry>',
  ].filter(Boolean).join('\n'));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(site.config.language)}">`,
    element('title', spec.title, { type: 'text' }),
    spec.description ? element('subtitle', spec.description, { type: 'text' }) : '',
    element('id', spec.selfUrl),
    `<link rel="self" type="application/atom+xml" href="${escapeXml(spec.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(spec.homeUrl)}"/>`,
    element('updated', spec.updated.toISOString()),
    `<author>${element('name', site.config.title)}</author>`,
    element('generator', 'sectorpress'),
    ...entries,
    '</feed>',
    '',
  ].filter(Boolean).join('\n');
}
