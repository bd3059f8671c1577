/** Every non-HTML output: site and tag feeds, calendars, sitemap, robots.txt. */
import { staged, type Staged } from '../shared/errors.js';
import type { Site, Tag } from '../model/types.js';
import type { OutputFile } from '../shared/output-file.js';
import type { Route } from '../routes/types.js';
import { siteFeed, tagFeed } from './feed-items.js';
import { renderAtom } from './render-atom.js';
import { renderCalendar } from './render-calendar.js';
import { renderJsonFeed } from './render-json-feed.js';
import { renderRss } from './render-rss.js';
import { renderLanguageSitemap, renderRobots, renderSitemap } from './render-sitemap.js';
import { everyLanguage } from '../model/site-root.js';

/** Output paths are file names: `/tag/caf%C3%A9/feed.xml` → `tag/café/feed.xml`. */
const relative = (url: string): string => decodeURIComponent(url.replace(/^\//, ''));

/** One tag's RSS feed file (the builder renders only those whose posts changed). */
export function renderTagFeed(site: Site, tag: Tag): OutputFile {
  return { path: relative(tag.feedUrl), contents: renderRss(tagFeed(site, tag), site) };
}

/**
 * The site-wide non-HTML outputs: RSS/Atom/JSON feeds, the site and per-event calendars,
 * `sitemap.xml` (from `routes`) and `robots.txt`. Pure: the clock is `site.now`.
 */
export function renderSiteFeeds(site: Site, routes: readonly Route[]): OutputFile[] {
  return [
    { path: 'feed.xml', contents: renderRss(siteFeed(site, '/feed.xml'), site) },
    { path: 'atom.xml', contents: renderAtom(siteFeed(site, '/atom.xml'), site) },
    { path: 'feed.json', contents: renderJsonFeed(siteFeed(site, '/feed.json'), site) },
    { path: 'events.ics', contents: renderCalendar(site.events.all, site, `${site.config.title}: events`) },
    ...site.events.all.map((event) => ({ path: relative(event.icsUrl), contents: renderCalendar([event], site, event.title) })),
    { path: 'sitemap.xml', contents: renderSitemap(site, routes) },
    { path: 'robots.txt', contents: renderRobots(site) },
  ];
}

/**
 * Every non-HTML output of `site`: the site-wide ones (`renderSiteFeeds`) and a feed per tag.
 *
 * @example
 * const { value: files } = renderFeeds(site, routes);
 * files.map((file) => file.path); // ['feed.xml', 'atom.xml', 'feed.json', …]
 */
export function renderFeeds(site: Site, routes: readonly Route[]): Staged<OutputFile[]> {
  return staged([...renderSiteFeeds(site, routes), ...site.tags.map((tag) => renderTagFeed(site, tag))]);
}

/**
 * Every non-HTML output of a multilingual site: each language's feeds and calendars under its
 * folder (`cy/feed.xml`, `cy/tag/gofal/feed.xml`, `cy/events.ics`), listing only that language's
 * posts and events; one sitemap with hreflang alternates, and one robots.txt, at the root.
 */
export function renderLanguageFeeds(site: Site, routes: readonly Route[]): Staged<OutputFile[]> {
  const sites = everyLanguage(site);
  const siteOf = (route: Route): Site => sites.find((own) => own.config.language === route.language) ?? site;
  const files = sites.flatMap((own) => {
    const folder = own.language?.folder ?? '';
    const ownRoutes = routes.filter((route) => siteOf(route) === own);
    return renderFeeds(own, ownRoutes)
      .value.filter((file) => file.path !== 'sitemap.xml' && file.path !== 'robots.txt')
      .map((file) => ({ ...file, path: `${folder}${file.path}` }));
  });
  return staged([...files, { path: 'sitemap.xml', contents: renderLanguageSitemap(routes, siteOf) }, { path: 'robots.txt', contents: renderRobots(site) }]);
}
