/** Routes → HTML files: each route's template inside the layout, with one shared context. */
import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import { errorProblem, staged, type Problem, type Staged } from '../shared/errors.js';
import type { Site } from '../model/types.js';
import type { OutputFile } from '../shared/output-file.js';
import type { Route } from '../routes/types.js';
import type { CompiledTemplate, Theme } from './load-theme.js';
import type { ThemeStrings } from './theme-strings.js';
import { annotateFailure } from './render-failure.js';
import { collectReferences } from './template-references.js';
import { routeSite, siteStrings, templateContext } from './template-context.js';
import { docsFile } from '../shared/package-root.js';
import { queryRedirectPaths } from '../model/collect-redirects.js';
import { addQueryScript } from './query-redirect-script.js';
import { PageReads, type PageReadRecord, type ReadPaths } from './page-reads.js';

export interface RenderOptions {
  /** HTML inserted before the last `</body>` (the dev server's live-reload script). */
  readonly injectBeforeBodyEnd?: string;
  /** Record what each page reads (page-reads.ts); `recorded` is told each rendered route's record. */
  readonly reads?: { readonly paths: ReadPaths; readonly recorded: (route: Route, record: PageReadRecord) => void };
}

/**
 * What a page's render starts from, by the names its reads are recorded under: the route, the
 * whole site, and what the renderer itself works out for the page (its strings, as a digest; the
 * query-redirect script; the dev server's snippet). A replay of the page's reads starts from the
 * same names (pipeline/page-memory.ts).
 */
export type PageRoots = (route: Route) => Readonly<Record<string, unknown>>;

/** Strings by language, and a digest of each, for one render call (or one replay). */
function stringsOf(site: Site, theme: Theme): (route: Route) => { strings: ThemeStrings; digest: string } {
  const known = new Map<Site, { strings: ThemeStrings; digest: string }>();
  return (route) => {
    const own = routeSite(site, route);
    let found = known.get(own);
    if (!found) {
      const strings = siteStrings(own, theme);
      known.set(own, (found = { strings, digest: createHash('sha1').update(JSON.stringify(strings)).digest('base64url') }));
    }
    return found;
  };
}

/** The roots of every page of `site` (see `PageRoots`). */
export function pageRoots(site: Site, theme: Theme, options: RenderOptions = {}): PageRoots {
  const queryPaths = queryRedirectPaths(site);
  const strings = stringsOf(site, theme);
  return (route) => ({ route, site, strings: strings(route).digest, queryScript: queryPaths.has(route.url), inject: options.injectBeforeBodyEnd });
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

/**
 * Handlebars reports a missing partial without a location; find the `{{> name}}`
 * in the template that failed so the message can point at it.
 */
function locateMissingPartial(message: string, displayPath: string | undefined, theme: Theme): { line: number; column: number } | undefined {
  const name = /The partial (.+) could not be found/.exec(message)?.[1];
  const source = displayPath === undefined ? undefined : theme.sources.get(displayPath);
  if (!name || source === undefined) return undefined;
  try {
    const references = collectReferences(Handlebars.parse(source));
    const reference = references.find((candidate) => candidate.kind === 'partial' && candidate.name === name);
    return reference ? { line: reference.line, column: reference.column } : undefined;
  } catch {
    return undefined;
  }
}

function renderFailure(error: unknown, route: Route, fallbackFile: string, theme: Theme): Problem {
  const failure = annotateFailure(error, { file: fallbackFile });
  if (failure.line === undefined) {
    const found = locateMissingPartial(failure.message, failure.file, theme);
    if (found) {
      failure.line = found.line;
      failure.column = found.column;
    }
  }
  const where = failure.helper && !['if', 'unless', 'each', 'with', 'helperMissing', 'blockHelperMissing'].includes(failure.helper) ? ` in the "${failure.helper}" helper` : '';
  return errorProblem({
    code: 'theme/render',
    message: `Rendering ${route.url} failed${where}: ${failure.message}`,
    hint: `Check the helpers and fields this template uses (${docsFile('templates.md')} lists every field).`,
    file: failure.file,
    line: failure.line,
    column: failure.column,
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
    return { problem: renderFailure(error, route, current.file.displayPath, theme) };
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
  const roots = pageRoots(site, theme, options);
  const strings = stringsOf(site, theme);
  for (const route of routes) {
    const start = roots(route);
    const reads = options.reads ? new PageReads(options.reads.paths) : undefined;
    for (const name of ['strings', 'queryScript', 'inject'] as const) reads?.note(name, start[name] as string | boolean | undefined);
    // Through views when recording: everything the templates and helpers read is noted.
    const viewedRoute = reads ? reads.view('route', route) : route;
    const viewedSite = reads ? reads.view('site', site) : site;
    const result = renderRoute(viewedRoute, routeSite(viewedSite, viewedRoute), theme, strings(route).strings, options);
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
