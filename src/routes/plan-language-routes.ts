/**
 * Routes of a multilingual site: each language's routes (`planRoutes` on its own `Site`) under
 * its folder, and each page linked to its translations: `alternates` (hreflang, reciprocal by
 * construction: pages are grouped by one counterpart key) and the language `switcher`.
 */
import { encodeUrlPath } from '../shared/check-url-path.js';
import { errorProblem, hasErrors, staged, type Problem, type Staged } from '../shared/errors.js';
import type { Site, SiteLanguage } from '../model/types.js';
import { planRoutes } from './plan-routes.js';
import type { LanguageLink, Route } from './types.js';
import { everyLanguage } from '../model/site-root.js';
import { searchShardCount } from '../model/search-shards.js';

/**
 * What makes two pages of different languages the same page: a shared `translationKey` for posts,
 * pages and events; the kind for the home page, tags list, events list and 404; the year, month
 * or author for their first pages. Tag pages have none (tags belong to a language), nor do later pages of a list.
 */
function counterpartKey(route: Route, keys: ReadonlyMap<string, string>): string | undefined {
  const context = route.context;
  if ('pagination' in context && context.pagination.page > 1) return undefined;
  switch (context.kind) {
    case 'post':
    case 'page':
    case 'event': {
      const key = keys.get(route.sources[0] ?? '');
      return key === undefined ? undefined : `${context.kind}:${key}`;
    }
    case 'year':
      return `year:${context.archive.year}`;
    case 'month':
      return `month:${context.archive.year}-${context.archive.month}`;
    case 'author':
      return `author:${context.author.key}`;
    case 'tag':
      return undefined;
    default:
      return context.kind;
  }
}

function link(url: string, site: Site, language: SiteLanguage): LanguageLink {
  const path = encodeUrlPath(url);
  return { lang: language.code, hreflang: language.code, name: language.name, href: `${site.config.basePath}${path.slice(1)}`, absoluteUrl: `${site.config.url}${path}`, translated: true };
}

interface Planned {
  readonly site: Site;
  readonly language: SiteLanguage;
  readonly routes: readonly Route[];
}

function linkLanguages(planned: readonly Planned[], keys: ReadonlyMap<string, string>): Route[] {
  const groups = new Map<string, Map<string, LanguageLink>>();
  for (const { site, language, routes } of planned) {
    for (const route of routes) {
      const key = counterpartKey(route, keys);
      if (key === undefined) continue;
      const group = groups.get(key) ?? new Map<string, LanguageLink>();
      group.set(language.code, link(route.url, site, language));
      groups.set(key, group);
    }
  }
  const homes = new Map(planned.map(({ site, language }) => [language.code, { ...link('/', site, language), translated: false }]));
  return planned.flatMap(({ language, routes }) =>
    routes.map((route): Route => {
      const key = counterpartKey(route, keys);
      const group = key === undefined ? undefined : groups.get(key);
      const found = group && group.size > 1 ? [...group.values()] : [];
      const primary = found.find((entry) => entry.lang === planned[0]?.language.code);
      const alternates = primary ? [...found, { ...primary, hreflang: 'x-default' }] : found;
      const switcher = planned.filter((other) => other.language !== language).map((other) => group?.get(other.language.code) ?? (homes.get(other.language.code) as LanguageLink));
      return { ...route, outputPath: `${language.folder}${route.outputPath}`, language: language.code, alternates, switcher };
    }),
  );
}

/**
 * Files that only the languages together can clash over: a default-language page (`permalink: /cy/…`)
 * or a file in `static/cy/` taking a file of another language's folder. Static files and the default
 * language's own pages were checked against each other by `planRoutes` already.
 */
function crossLanguageCollisions(routes: readonly Route[], site: Site): Problem[] {
  // Static files first, then routes in language order (the default first): the earlier claim is the one to move.
  const claims = new Map<string, { label: string; file: string | undefined; language: string | undefined }>();
  for (const file of site.statics) claims.set(file.outputPath, { label: `static/${file.outputPath}`, file: `static/${file.outputPath}`, language: site.config.language });
  const problems: Problem[] = [];
  for (const route of routes) {
    const label = route.sources[0] ?? `the ${route.kind} page ${route.url} (${route.language ?? ''})`;
    const first = claims.get(route.outputPath);
    if (!first) {
      claims.set(route.outputPath, { label, file: route.sources[0], language: route.language });
      continue;
    }
    // Within one language, planRoutes has reported the clash already (static files count as the default language's).
    if (first.language === route.language) continue;
    problems.push(
      errorProblem({
        code: 'routes/collision',
        message: `${first.label} and ${label} both want ${route.outputPath}.`,
        hint: 'Each language has its own folder (`/cy/`): move the default-language page or the static file out of it.',
        file: first.file ?? route.sources[0],
      }),
    );
  }
  return problems;
}

/**
 * Plan every HTML page of every language (`planRoutes` when the site has one language).
 *
 * @example
 * const { value: routes } = planSiteRoutes(site);
 * routes.find((r) => r.outputPath === 'cy/index.html')?.switcher?.[0]?.href; // '/'
 */
export function planSiteRoutes(site: Site): Staged<Route[]> {
  if (!site.language || !site.languages) return planRoutes(site);
  const problems: Problem[] = [];
  // One search index serves every language, so every language's search page names all its shards.
  const searchShards = searchShardCount(site);
  const planned: Planned[] = everyLanguage(site).map((own) => {
    const language = own.language as SiteLanguage;
    // Statics live at the site root: they are checked once, against the default language's pages, below.
    const result = planRoutes(language.isDefault ? own : { ...own, statics: [] }, searchShards);
    problems.push(...result.problems);
    return { site: own, language, routes: result.value };
  });
  const routes = linkLanguages(planned, site.translationKeys ?? new Map());
  const crossing = hasErrors(problems) ? [] : crossLanguageCollisions(routes, site);
  return staged(routes, [...problems, ...crossing]);
}
