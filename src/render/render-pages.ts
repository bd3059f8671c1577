/** Routes → HTML files: each route's template inside the layout, with one shared context. */
import { createHash } from 'node:crypto';
import { errorProblem, staged, type Problem, type Staged } from '../shared/errors.js';
import type { Site } from '../model/types.js';
import type { OutputFile } from '../shared/output-file.js';
import type { Route } from '../routes/types.js';
import type { CompiledTemplate, Theme } from './load-theme.js';
import type { ThemeStrings } from './theme-strings.js';
import { renderFailure } from './render-failure.js';
import { routeSite, siteStrings, templateContext } from './template-context.js';
import { queryRedirectPaths } from '../model/collect-redirects.js';
import { addQueryScript } from './query-redirect-script.js';
import { PageReads, type PageReadRecord, type ReadPaths } from './page-reads.js';

export interface RenderOptions {
  /** HTML inserted before the last `</body>` (the dev server's live-reload script). */
  readonly injectBeforeBodyEnd?: string;
  /** Record what each page reads (page-reads.ts); `recorded` is told each rendered route's record. */
  readonly reads?: { readonly paths: ReadPaths; readonly recorded: (route: Route, record: PageReadRecord) => void };
  /** The run's `pageStart`, when the caller has made it already (made here otherwise). */
  readonly start?: PageStart;
}

/**
 * What a page's render starts from. `roots`: by the names its reads are recorded under, the route, the
 * whole site, and what the renderer itself works out for the page (its strings, as a digest; the
 * query-redirect script; the dev server's snippet); a replay of the page's reads starts from the same
 * names (pipeline/page-memory.ts). `strings`: the page's strings themselves. Made once per run: the
 * strings of each language and the query-redirect paths are worked out once, not once per chunk.
 */
export interface PageStart {
  readonly roots: (route: Route) => Readonly<Record<string, unknown>>;
  readonly strings: (route: Route) => ThemeStrings;
}

/** The start of every page of `site` (see `PageStart`). */
export function pageStart(site: Site, theme: Theme, options: Pick<RenderOptions, 'injectBeforeBodyEnd'> = {}): PageStart {
  const queryPaths = queryRedirectPaths(site);
  const known = new Map<Site, { strings: ThemeStrings; digest: string }>();
  const stringsOf = (route: Route): { strings: ThemeStrings; digest: string } => {
    const own = routeSite(site, route);
    let found = known.get(own);
    if (!found) {
      const strings = siteStrings(own, theme);
      known.set(own, (found = { strings, digest: createHash('sha1').update(JSON.stringify(strings)).digest('base64url') }));
    }
    return found;
  };
  return {
    roots: (route) => ({ route, site, strings: stringsOf(route).digest, queryScript: queryPaths.has(route.url), inject: options.injectBeforeBodyEnd }),
    strings: (route) => stringsOf(route).strings,
  };
}

/** Guard against prototype access from templates (Handlebars' own default, made explicit). */
const RUNTIME_OPTIONS = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false } as const;

/** The first template of `route.templates` that the theme has (e.g. `tag-ofsted`, then `tag`, then `index`). */
function pickTemplate(route: Route, theme: Theme): CompiledTemplate | undefined {
  for (const name of route.templates) {
    const template = theme.templates.get(name);
    if (template) return template;
  }
  return undefined;
}

function missingTemplate(route: Route): Problem {
  return errorProblem({
    code: 'theme/missing-template',
    message: `No template for ${route.url}: looked for ${route.templates.map((name) => `${name}.hbs`).join(', ')}.`,
    hint: 'Add one of these templates to the theme (or to theme/ in the site folder).',
  });
}

function insertBeforeBodyEnd(html: string, snippet: string | undefined): string {
  if (!snippet) return html;
  const at = html.lastIndexOf('</body>');
  return at === -1 ? `${html}${snippet}` : `${html.slice(0, at)}${snippet}${html.slice(at)}`;
}

function renderRoute(route: Route, site: Site, theme: Theme, strings: ThemeStrings, options: RenderOptions): { html: string } | { problem: Problem } {
  const template = pickTemplate(route, theme);
  const layout = theme.templates.get('default');
  if (!template || !layout) return { problem: missingTemplate(route) };
  const context = templateContext(route, site, theme, strings);
  let current = template;
  try {
    const body = template.render(context, RUNTIME_OPTIONS);
    current = layout;
    const html = layout.render({ ...context, body }, RUNTIME_OPTIONS);
    return { html: insertBeforeBodyEnd(html, options.injectBeforeBodyEnd) };
  } catch (error) {
    return { problem: renderFailure(error, route, current.file.displayPath, theme.sources) };
  }
}

/**
 * Render every route into its layout, plus the theme's hashed assets. A template that
 * fails is reported once per template and location, naming the first page it broke.
 *
 * @example
 * const { value: files } = renderPages(site, routes, theme, {});
 * files.find((file) => file.path === 'index.html');
 */
export function renderPages(site: Site, routes: readonly Route[], theme: Theme, options: RenderOptions = {}): Staged<OutputFile[]> {
  const files: OutputFile[] = [...theme.assetFiles];
  const problems = new Map<string, Problem>();
  const { roots, strings } = options.start ?? pageStart(site, theme, options);
  for (const route of routes) {
    const start = roots(route);
    const reads = options.reads ? new PageReads(options.reads.paths) : undefined;
    for (const name of ['strings', 'queryScript', 'inject'] as const) reads?.note(name, start[name] as string | boolean | undefined);
    // Through views when recording: everything the templates and helpers read is noted.
    const viewedRoute = reads ? reads.view('route', route) : route;
    const viewedSite = reads ? reads.view('site', site) : site;
    const result = renderRoute(viewedRoute, routeSite(viewedSite, viewedRoute), theme, strings(route), options);
    if ('problem' in result) {
      const key = `${result.problem.file ?? route.url}:${result.problem.line ?? ''}:${result.problem.code}`;
      if (!problems.has(key)) problems.set(key, result.problem);
      continue;
    }
    if (reads) options.reads?.recorded(route, reads.finish());
    // UTF-8 bytes outside the JS heap: a page with one curly quote is otherwise held as UTF-16,
    // and every page is held until the atomic write.
    const html = start.queryScript === true ? addQueryScript(result.html, site.config) : result.html;
    files.push({ path: route.outputPath, contents: Buffer.from(html) });
  }
  return staged(files, [...problems.values()]);
}
