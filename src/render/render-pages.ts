/** Routes → HTML files: each route's template inside the layout, with one shared context. */
import { errorProblem, staged, type Problem, type Staged } from '../shared/errors.js';
import type { BodyFactReads } from '../model/body-fact-reads.js';
import type { Post, Site } from '../model/types.js';
import type { OutputFile } from '../shared/output-file.js';
import type { Route } from '../routes/types.js';
import type { CompiledTemplate, Theme } from './load-theme.js';
import type { ThemeStrings } from './theme-strings.js';
import { renderFailure } from './render-failure.js';
import { routeSite, siteStrings, templateContext } from './template-context.js';
import { queryRedirectPaths } from '../model/collect-redirects.js';
import { addQueryScript } from './query-redirect-script.js';

export interface RenderOptions {
  /** HTML inserted before the last `</body>` (the dev server's live-reload script). */
  readonly injectBeforeBodyEnd?: string;
  /**
   * Note, per page, whether it read the excerpt or reading time of a post not its own (the posts
   * must be watched: model/body-fact-reads.ts); `strayed` is told each rendered route's answer.
   */
  readonly bodyFacts?: { readonly reads: BodyFactReads; readonly strayed: (route: Route, strayed: boolean) => void };
}

/** The posts a page shows as its own: its post, or its list (their sources are in its signature). A page of a list; no set made per page. */
function ownPosts(route: Route): readonly Post[] {
  const context = route.context;
  if (context.kind === 'post') return [context.post];
  return 'posts' in context ? context.posts : [];
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
  const strings = new Map<Site, ThemeStrings>();
  const queryPaths = queryRedirectPaths(site);
  for (const route of routes) {
    const own = routeSite(site, route);
    if (!strings.has(own)) strings.set(own, siteStrings(own, theme));
    options.bodyFacts?.reads.watch(ownPosts(route));
    const result = renderRoute(route, own, theme, strings.get(own) ?? theme.strings, options);
    if (options.bodyFacts) options.bodyFacts.strayed(route, options.bodyFacts.reads.stop());
    if ('problem' in result) {
      const key = `${result.problem.file ?? route.url}:${result.problem.line ?? ''}:${result.problem.code}`;
      if (!problems.has(key)) problems.set(key, result.problem);
      continue;
    }
    // UTF-8 bytes outside the JS heap: a page with one curly quote is otherwise held as UTF-16,
    // and every page is held until the atomic write.
    const html = queryPaths.has(route.url) ? addQueryScript(result.html, site.config) : result.html;
    files.push({ path: route.outputPath, contents: Buffer.from(html) });
  }
  return staged(files, [...problems.values()]);
}
