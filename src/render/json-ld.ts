/** Structured data for posts (BlogPosting) and events (Event), serialised so content cannot end the script element. */
import { absoluteUrlOf } from '../config/base-path.js';
import { shareVariant } from '../images/plan-variants.js';
import { siteRoot } from '../model/site-root.js';
import type { Event, Post, Site } from '../model/types.js';
import { findSiteImage } from './helpers/image-helpers.js';

/** JSON that is safe inside `<script>`: `<`, `>`, `&` and the JS line separators are escaped. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The lead image as JSON-LD: the shared variant (about 1200 px wide) with its size when there is one, else the URL as written. */
function imageOf(url: string, site: Site): unknown {
  const image = findSiteImage(site, url);
  const variant = image ? shareVariant(image) : undefined;
  const root = siteRoot(site).url;
  if (!variant) return absoluteUrlOf(root, url);
  return { '@type': 'ImageObject', url: absoluteUrlOf(root, variant.url), width: variant.width, height: variant.height };
}

export function postJsonLd(post: Post, site: Site): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: post.title,
    description: post.excerpt,
    datePublished: post.date.toISOString(),
    dateModified: (post.updated ?? post.date).toISOString(),
    url: post.absoluteUrl,
    mainEntityOfPage: post.absoluteUrl,
    inLanguage: site.config.language,
    wordCount: post.wordCount,
    ...(post.image ? { image: imageOf(post.image, site) } : {}),
    author: post.authors.map((author) => ({ '@type': 'Person', name: author.name, ...(author.role ? { jobTitle: author.role } : {}) })),
    publisher: { '@type': 'Organization', name: site.config.title, url: `${site.config.url}/` },
    keywords: post.tags.map((tag) => tag.name).join(', '),
  };
}

export function eventJsonLd(event: Event, site: Site): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title,
    description: event.excerpt,
    startDate: event.start.toISOString(),
    ...(event.end ? { endDate: event.end.toISOString() } : {}),
    url: event.absoluteUrl,
    eventStatus: 'https://schema.org/EventScheduled',
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    ...(event.location ? { location: { '@type': 'Place', name: event.location, address: event.location } } : {}),
    organizer: { '@type': 'Organization', name: site.config.title, url: `${site.config.url}/` },
    ...(event.bookingUrl ? { offers: { '@type': 'Offer', url: event.bookingUrl } } : {}),
  };
}

export function siteJsonLd(site: Site): Record<string, unknown> {
  return { '@context': 'https://schema.org', '@type': 'Blog', name: site.config.title, description: site.config.description, url: `${site.config.url}/` };
}
