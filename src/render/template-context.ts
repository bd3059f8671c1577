/** The one context every template receives (documented in docs/templates.md). */
import type { Site } from '../model/types.js';
import type { LanguageLink, Route } from '../routes/types.js';
import { translate } from './helpers/string-helpers.js';
import { joinUrl } from './helpers/url-helpers.js';
import type { Theme } from './load-theme.js';
import type { ThemeStrings } from './theme-strings.js';

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
  /** Multilingual sites: hreflang links (this page in each language, and `x-default`). */
  readonly alternates?: readonly LanguageLink[];
  /** Multilingual sites: the language switcher's links. */
  readonly switcher?: readonly LanguageLink[];
}

/** The page's title in its language: the theme's `title.<kind>` for pages named by the theme (tags, events, 404). */
function pageTitle(route: Route, strings: ThemeStrings, language: string): string {
  return strings[`title.${route.kind}`] === undefined ? route.title : translate(strings, `title.${route.kind}`, {}, language);
}

function documentTitle(route: Route, site: Site, strings: ThemeStrings): string {
  const language = site.config.language;
  const pagination = 'pagination' in route.context ? route.context.pagination : undefined;
  const position = pagination && pagination.page > 1 ? translate(strings, 'pagination.position', { page: pagination.page, pages: pagination.pages }, language) : '';
  const heading = route.kind === 'home' ? '' : route.kind === 'tag' ? translate(strings, 'tag.heading', { name: route.title }, language) : pageTitle(route, strings, language);
  return [heading, position, site.config.title].filter(Boolean).join(' – ');
}

/**
 * The strings of the site's language, with `data/strings.yml` (when it is a map of text) over them,
 * so a site can change single theme strings without touching the theme; on a multilingual site,
 * `data/strings.<code>.yml` does the same for each other language.
 */
export function siteStrings(site: Site, theme: Theme): ThemeStrings {
  const language = site.language;
  const own = language && !language.isDefault ? (theme.locales.get(language.code) ?? theme.strings) : theme.strings;
  const fromData = language && !language.isDefault ? site.data[`strings.${language.code}`] : site.data.strings;
  if (!fromData || typeof fromData !== 'object' || Array.isArray(fromData)) return own;
  const overrides = Object.entries(fromData as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return overrides.length === 0 ? own : { ...own, ...Object.fromEntries(overrides) };
}

/** A switcher link whose page has no translation says so, in the words of the language it leads to. */
function switcherLink(link: LanguageLink, theme: Theme): LanguageLink & { readonly note?: string } {
  if (link.translated) return link;
  return { ...link, note: translate(theme.locales.get(link.lang) ?? theme.strings, 'language.untranslated', { language: link.name }, link.lang) };
}

/** The site of the route's language (the default language's, on single-language sites). */
export function routeSite(site: Site, route: Route): Site {
  if (route.language === undefined || route.language === site.config.language) return site;
  return site.translations?.find((other) => other.config.language === route.language) ?? site;
}

/** Theme options, with a language's own `themeOptions` (e.g. its accessibility statement) over them. */
function languageThemeOptions(site: Site, theme: Theme): Readonly<Record<string, unknown>> {
  const own = site.language && !site.language.isDefault ? site.config.languages?.[site.language.code]?.themeOptions : undefined;
  return own ? { ...theme.options, ...own } : theme.options;
}

/** Everything a template can read: the route's own fields plus the shared ones. */
export function templateContext(route: Route, site: Site, theme: Theme, strings: ThemeStrings = theme.strings): Record<string, unknown> {
  const pagination = 'pagination' in route.context ? route.context.pagination : undefined;
  const absolute = (url: string | undefined): string | undefined => (url === undefined ? undefined : joinUrl(site.config.url, url));
  const info: RouteInfo = {
    kind: route.kind,
    url: route.url,
    title: pageTitle(route, strings, site.config.language),
    documentTitle: documentTitle(route, site, strings),
    description: route.description,
    canonical: joinUrl(site.config.url, route.url),
    previousUrl: absolute(pagination?.previousUrl),
    nextUrl: absolute(pagination?.nextUrl),
    ...(route.alternates ? { alternates: route.alternates } : {}),
    ...(route.switcher ? { switcher: route.switcher.map((link) => switcherLink(link, theme)) } : {}),
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
    themeOptions: languageThemeOptions(site, theme),
    route: info,
  };
}
