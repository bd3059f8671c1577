/**
 * What a page's HTML depends on, as a string: if it is unchanged since the last
 * rebuild (the dev server's, or the last build's: page-cache.ts), the page is not rendered again. Site-wide facts (every post's title,
 * date, URL, tags and authors; pages; events; the next event) form one signature
 * shared by all pages, so any change to them re-renders everything; a post's body
 * only reaches its own page and the list pages that show it. A theme that prints the clock
 * itself (`site.now`) shows the time of the last full render in dev.
 */
import { createHash } from 'node:crypto';
import type { Post, Site } from '../model/types.js';
import type { Route } from '../routes/types.js';

function postFacts(post: Post): string {
  return [post.url, post.title, post.date.getTime(), post.updated?.getTime() ?? '', post.image ?? '', post.tags.map((tag) => `${tag.slug}=${tag.name}`).join(','), post.authors.map((author) => author.key).join(',')].join('\u0001');
}

/** Everything any page may show about the site as a whole. */
export function siteSignature(site: Site, themeVersion: number): string {
  const hash = createHash('sha1');
  // Not `site.now` itself: with the real clock it differs on every rebuild, and what it decides
  // (which posts are out, which events are upcoming) is part of the facts below.
  hash.update(`${themeVersion}\u0002`);
  for (const post of site.posts) hash.update(`${postFacts(post)}\u0002`);
  for (const page of site.pages) hash.update(`${page.url}\u0001${page.title}\u0002`);
  for (const event of site.events.all) hash.update(`${event.source.digest}\u0001${event.upcoming ? 1 : 0}\u0002`);
  for (const author of site.authors) hash.update(`${author.key}\u0001${author.name}\u0001${author.role ?? ''}\u0001${author.avatar ?? ''}\u0001${author.bio ?? ''}\u0001${author.email ?? ''}\u0002`);
  hash.update(JSON.stringify(site.data));
  return hash.digest('hex');
}

/** This page's own inputs on top of the site signature. */
export function routeSignature(route: Route, global: string): string {
  const context = route.context;
  const own = (() => {
    switch (context.kind) {
      case 'post': return context.post.source.digest;
      case 'page': return context.page.source.digest;
      case 'home': case 'tag': case 'author': case 'year': case 'month':
        return `${context.pagination.page}/${context.pagination.pages}:${context.posts.map((post) => post.source.digest).join(',')}`;
      default: return '';
    }
  })();
  return `${global}:${route.url}:${own}`;
}
