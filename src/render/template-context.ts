/** The one context every template receives (documented in docs/templates.md). */
import type { Site } from '../model/types.js';
import type { Route } from '../routes/types.js';
import { translate } from './helpers/string-helpers.js';
import { joinUrl } from './helpers/url-helpers.js';
import type { Theme } from './load-theme.js';

/** The `route` field of the context: what the head and header need about this page. */
interface RouteInfo {
  readonly kind: Route['kind'];
  readonly url: string;
  readonly title: string;
  /** For `<title>`: "Post title – Site", with "Page 2 of 7" on later pages. */
  readonly documentTitle: string;
  readonly description: string;
  /** This page's own absolute URL. */
  readonly canonical: string;
  readonly previousUrl: string | undefined;
  readonly nextUrl: string | undefined;
}

function documentTitle(route: Route, site: Site, strings: Readonly<Record<string, string>>): string {
  const pagination = 'pagination' in route.context ? route.context.pagination : undefined;
  const position = pagination && pagination.page > 1 ? translate(strings, 'pagination.position', { page: pagination.page, pages: pagination.pages }) : '';
  const heading = route.kind === 'home' ? '' : route.kind === 'tag' ? translate(strings, 'tag.heading', { name: route.title }) : (strings[`title.${route.kind}`] ?? route.title);
  return [heading, position, site.config.title].filter(Boolean).join(' – ');
}

/** `data/strings.yml` (when it is a map of text) overrides single theme strings without touching the theme. */
export function siteStrings(site: Site, theme: Theme): Readonly<Record<string, string>> {
  const fromData = site.data.strings;
  if (!fromData || typeof fromData !== 'object' || Array.isArray(fromData)) return theme.strings;
  const overrides = Object.entries(fromData as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return overrides.length === 0 ? theme.strings : { ...theme.strings, ...Object.fromEntries(overrides) };
}

/** Everything a template can read: the route's own fields plus the shared ones. */
export function templateContext(route: Route, site: Site, theme: Theme, strings: Readonly<Record<string, string>> = theme.strings): Record<string, unknown> {
  const pagination = 'pagination' in route.context ? route.context.pagination : undefined;
  const absolute = (url: string | undefined): string | undefined => (url === undefined ? undefined : joinUrl(site.config.url, url));
  const info: RouteInfo = {
    kind: route.kind,
    url: route.url,
    title: route.title,
    documentTitle: documentTitle(route, site, strings),
    description: route.description,
    canonical: joinUrl(site.config.url, route.url),
    previousUrl: absolute(pagination?.previousUrl),
    nextUrl: absolute(pagination?.nextUrl),
  };
  return {
    ...route.context,
    site,
    config: site.config,
    data: site.data,
    nextEvent: site.nextEvent,
    navigation: site.config.navigation,
    strings,
    assets: theme.assets,
    theme: theme.manifest,
    themeOptions: theme.options,
    route: info,
  };
}
