/**
 * The Site model → every HTML page to render, as data. Nothing renders here, and
 * collisions are checked here (`check-routes.ts`), so a clash stops the build before rendering.
 */
import { staged, type Staged } from '../shared/errors.js';
import type { Post, Site } from '../model/types.js';
import { searchShardCount } from '../model/search-shards.js';
import { checkRoutes } from './check-routes.js';
import { paginate } from './paginate.js';
import { outputPathForUrl } from '../shared/permalink.js';
import type { ListContext, Route, RouteContext } from './types.js';

const DESCRIPTION_LIMIT = 160;

/** A meta description: the text cut at a word boundary near 160 characters. */
function describe(text: string, fallback: string): string {
  const clean = text.replace(/\s+/g, ' ').trim() || fallback;
  if (clean.length <= DESCRIPTION_LIMIT) return clean;
  const cut = clean.slice(0, DESCRIPTION_LIMIT - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60)).trimEnd()}…`;
}

/** A post page's meta description: its excerpt, else the site's description. */
function postDescription(post: Post, config: Site['config']): string {
  return describe(post.excerpt, config.description);
}

interface RouteFields {
  readonly kind: Route['kind'];
  readonly url: string;
  readonly templates: readonly string[];
  readonly title: string;
  readonly description: string;
  readonly context: RouteContext;
  readonly sources?: readonly string[];
}

function route(fields: RouteFields): Route {
  return { ...fields, outputPath: outputPathForUrl(fields.url), sources: fields.sources ?? [] };
}

/** One route per page of a paginated list; the context builder receives the slice. */
function listRoutes(posts: readonly Post[], site: Site, baseUrl: string, make: (list: ListContext) => Omit<RouteFields, 'url' | 'context'> & { context: RouteContext }): Route[] {
  return paginate(posts, site.config.perPage, baseUrl).map((slice) => route({ ...make({ posts: slice.items, pagination: slice.pagination }), url: slice.url }));
}

function monthNamer(language: string): (year: number, month: number) => string {
  const format = new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return (year, month) => format.format(Date.UTC(year, month - 1, 1));
}

function archiveRoutes(site: Site): Route[] {
  const { config } = site;
  const monthName = monthNamer(config.language);
  return site.years.flatMap((year) => [
    ...listRoutes(year.posts, site, year.url, (list) => ({
      kind: 'year',
      templates: ['archive', 'index'],
      title: String(year.year),
      description: describe('', config.description),
      context: { kind: 'year', archive: year, ...list },
    })),
    ...year.months.flatMap((month) =>
      listRoutes(month.posts, site, month.url, (list) => ({
        kind: 'month',
        templates: ['archive', 'index'],
        title: monthName(month.year, month.month),
        description: describe('', config.description),
        context: { kind: 'month', archive: month, ...list },
      })),
    ),
  ]);
}

/** A post's own page (single-language sites; plan-language-routes.ts links each language's). */
export function postRoute(post: Post, config: Site['config']): Route {
  return route({
    kind: 'post',
    url: post.url,
    templates: [`post-${post.slug}`, 'post'],
    title: post.title,
    description: postDescription(post, config),
    context: { kind: 'post', post },
    sources: [post.source.relativePath],
  });
}

function entityRoutes(site: Site): Route[] {
  const { config } = site;
  return [
    ...site.posts.map((post) => postRoute(post, config)),
    ...site.pages.map((page) =>
      route({
        kind: 'page',
        url: page.url,
        templates: [`page-${page.url.replace(/^\/|\/$/g, '').replace(/\//g, '-')}`, 'page'],
        title: page.title,
        description: describe(page.excerpt, config.description),
        context: { kind: 'page', page },
        sources: [page.source.relativePath],
      }),
    ),
    ...site.events.all.map((event) =>
      route({
        kind: 'event',
        url: event.url,
        templates: [`event-${event.slug}`, 'event'],
        title: event.title,
        description: describe(event.excerpt, config.description),
        context: { kind: 'event', event },
        sources: [event.source.relativePath],
      }),
    ),
  ];
}

/** The home listing: `sticky` posts first (newest first among them), then the rest; feeds keep date order. */
function pinStickyFirst(posts: readonly Post[]): readonly Post[] {
  return posts.some((post) => post.sticky) ? [...posts.filter((post) => post.sticky), ...posts.filter((post) => !post.sticky)] : posts;
}

function listingRoutes(site: Site): Route[] {
  const { config } = site;
  return [
    ...listRoutes(pinStickyFirst(site.posts), site, '/', (list) => ({
      kind: 'home',
      templates: ['home', 'index'],
      title: config.title,
      description: describe('', config.description),
      context: { kind: 'home', ...list },
    })),
    ...site.tags.flatMap((tag) =>
      listRoutes(tag.posts, site, tag.url, (list) => ({
        kind: 'tag',
        templates: [`tag-${tag.slug}`, 'tag', 'index'],
        title: tag.name,
        description: describe('', config.description),
        context: { kind: 'tag', tag, ...list },
      })),
    ),
    ...site.authors
      .filter((author) => author.posts.length > 0)
      .flatMap((author) =>
        listRoutes(author.posts, site, author.url, (list) => ({
          kind: 'author',
          templates: [`author-${author.slug}`, 'author', 'index'],
          title: author.name,
          description: describe(author.bio ?? '', config.description),
          context: { kind: 'author', author, ...list },
        })),
      ),
  ];
}

/**
 * Plan every HTML page of the site, in a stable order, and report every collision
 * (two sources, one URL; or URLs only letter case tells apart) at once.
 *
 * @example
 * const { value: routes } = planRoutes(site);
 * routes.find((r) => r.kind === 'tags')?.url; // '/tags/'
 */
export function planRoutes(site: Site, searchShards = searchShardCount(site)): Staged<Route[]> {
  const { config } = site;
  // Only a sharded index names its shards on the search page, so a one-bundle site's page is unchanged.
  const search: RouteContext = searchShards > 1 ? { kind: 'search', shards: searchShards } : { kind: 'search' };
  const routes: Route[] = [
    ...listingRoutes(site),
    ...entityRoutes(site),
    ...archiveRoutes(site),
    route({ kind: 'tags', url: '/tags/', templates: ['tags'], title: 'Tags', description: describe('', config.description), context: { kind: 'tags', tags: site.tags } }),
    route({
      kind: 'events',
      url: '/events/',
      templates: ['events'],
      title: 'Events',
      description: describe('', config.description),
      context: { kind: 'events', upcoming: site.events.upcoming, past: site.events.past },
    }),
    ...(config.search ? [route({ kind: 'search', url: '/search/', templates: ['search'], title: 'Search', description: describe('', config.description), context: search })] : []),
    route({ kind: 'not-found', url: '/404.html', templates: ['404'], title: 'Page not found', description: describe('', config.description), context: { kind: 'not-found' } }),
  ];
  return staged(routes, checkRoutes(routes, site));
}
