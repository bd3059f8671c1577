/** sitemap.xml (every HTML page but the 404 and the search page) and robots.txt pointing at it. */
import { encodeUrlPath } from '../shared/check-url-path.js';
import type { Site } from '../model/types.js';
import type { Route } from '../routes/types.js';
import { escapeXml } from './escape-xml.js';

function lastModified(route: Route, site: Site): Date {
  const context = route.context;
  if (context.kind === 'post') return context.post.updated ?? context.post.date;
  if ('posts' in context) {
    const first = context.posts[0];
    if (first) return first.updated ?? first.date;
  }
  const newest = site.posts[0];
  return newest ? (newest.updated ?? newest.date) : site.now;
}

/** The 404 page is not a page of the site, and search engines ask that search result pages stay out of their index (the theme marks them noindex). */
const isListed = (route: Route): boolean => route.kind !== 'not-found' && route.kind !== 'search';

/**
 * Every HTML route but the 404 and the search page, with `lastmod` from the newest post the page shows (the newest
 * post of the site for pages without posts).
 *
 * @example
 * renderSitemap(site, routes); // '…<url><loc>https://blog.example.org/</loc><lastmod>2024-05-01T09:00:00.000Z</lastmod></url>…'
 */
export function renderSitemap(site: Site, routes: readonly Route[]): string {
  const urls = routes
    .filter(isListed)
    // The sitemap protocol wants URLs percent-encoded, then entity-escaped.
    .map((route) => `<url><loc>${escapeXml(`${site.config.url}${encodeUrlPath(route.url)}`)}</loc><lastmod>${lastModified(route, site).toISOString()}</lastmod></url>`);
  return ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls, '</urlset>', ''].join('\n');
}

/**
 * The sitemap of a multilingual site: every language's pages (each route's `site` gives its
 * language's URL), each with an `xhtml:link rel="alternate" hreflang` per translation and `x-default`.
 *
 * @example
 * renderLanguageSitemap(routes, siteOf); // '…<url><loc>https://x.org/cy/</loc>…<xhtml:link rel="alternate" hreflang="en-GB" href="https://x.org/"/>…'
 */
export function renderLanguageSitemap(routes: readonly Route[], siteOf: (route: Route) => Site): string {
  const urls = routes.filter(isListed).map((route) => {
    const site = siteOf(route);
    const links = (route.alternates ?? []).map((link) => `<xhtml:link rel="alternate" hreflang="${escapeXml(link.hreflang)}" href="${escapeXml(link.absoluteUrl)}"/>`);
    return `<url><loc>${escapeXml(`${site.config.url}${encodeUrlPath(route.url)}`)}</loc><lastmod>${lastModified(route, site).toISOString()}</lastmod>${links.join('')}</url>`;
  });
  return ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">', ...urls, '</urlset>', ''].join('\n');
}

/**
 * Allow everything and point crawlers at the sitemap.
 *
 * @example
 * renderRobots(site); // 'User-agent: *\nAllow: /\n\nSitemap: https://blog.example.org/sitemap.xml\n'
 */
export function renderRobots(site: Site): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${site.config.url}/sitemap.xml\n`;
}
