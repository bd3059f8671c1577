/** Routes → HTML files: each route's template inside the layout, with one shared context. */
import { errorProblem, staged, type Problem, type Staged } from '../errors.js';
import type { Site } from '../model/types.js';
import type { OutputFile } from '../output/types.js';
import type { Route } from '../routes/types.js';
import type { CompiledTemplate, Theme } from './load-theme.js';
import { interpolate } from './theme-helpers.js';

export interface RenderOptions {
  /** HTML inserted before `</body>` (the dev server's live-reload script). */
  readonly injectBeforeBodyEnd?: string;
}

/** The document title: "Post title – Site", with "Page 2 of 7" on later pages. */
function documentTitle(route: Route, site: Site, strings: Readonly<Record<string, string>>): string {
  const pagination = 'pagination' in route.context ? route.context.pagination : undefined;
  const pageLabel = pagination && pagination.page > 1 ? interpolate(strings['pagination.position'] ?? 'Page {page} of {pages}', { page: pagination.page, pages: pagination.pages }) : '';
  const heading = route.kind === 'home' ? '' : route.kind === 'tag' ? interpolate(strings['tag.heading'] ?? '{name}', { name: route.title }) : strings[`title.${route.kind}`] ?? route.title;
  return [heading, pageLabel, site.config.title].filter(Boolean).join(' – ');
}

/** Everything a template can read (documented in docs/templates.md). */
export function templateContext(route: Route, site: Site, theme: Theme): Record<string, unknown> {
  const pagination = 'pagination' in route.context ? route.context.pagination : undefined;
  const absolute = (url: string | undefined): string | undefined => (url === undefined ? undefined : `${site.config.url}${url}`);
  return {
    ...route.context,
    site,
    config: site.config,
    data: site.data,
    nextEvent: site.nextEvent,
    navigation: site.config.navigation,
    strings: theme.strings,
    assets: theme.assets,
    theme: theme.manifest,
    route: {
      kind: route.kind,
      url: route.url,
      title: route.title,
      documentTitle: documentTitle(route, site, theme.strings),
      description: route.description,
      canonical: absolute(route.url),
      previousUrl: absolute(pagination?.previousUrl),
      nextUrl: absolute(pagination?.nextUrl),
    },
  };
}

function pickTemplate(route: Route, theme: Theme): CompiledTemplate | undefined {
  for (const name of route.templates) {
    const template = theme.templates.get(name);
    if (template) return template;
  }
  return undefined;
}

function renderRoute(route: Route, site: Site, theme: Theme, options: RenderOptions): { html?: string; problem?: Problem } {
  const template = pickTemplate(route, theme);
  const layout = theme.templates.get('default');
  if (!template || !layout) {
    return { problem: errorProblem({ code: 'theme/missing-template', message: `No template for ${route.url}: looked for ${route.templates.map((name) => `${name}.hbs`).join(', ')}.`, hint: 'Add one of these templates to the theme.' }) };
  }
  const context = templateContext(route, site, theme);
  let current = template;
  try {
    const body = template.render(context, { allowProtoPropertiesByDefault: false });
    current = layout;
    const html = layout.render({ ...context, body }, { allowProtoPropertiesByDefault: false });
    const injected = options.injectBeforeBodyEnd ? html.replace(/<\/body>(?![\s\S]*<\/body>)/, `${options.injectBeforeBodyEnd}</body>`) : html;
    return { html: injected };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { problem: errorProblem({ code: 'theme/render', message: `Rendering ${route.url} failed: ${reason}`, hint: 'Check the helpers and fields this template uses (see docs/templates.md).', file: current.file.displayPath, line: 1, column: 1 }) };
  }
}

/**
 * Render every route. A failing template is reported once per template (not once per page).
 */
export function renderPages(site: Site, routes: readonly Route[], theme: Theme, options: RenderOptions = {}): Staged<OutputFile[]> {
  const files: OutputFile[] = [...theme.assetFiles];
  const problems = new Map<string, Problem>();
  for (const route of routes) {
    const { html, problem } = renderRoute(route, site, theme, options);
    if (problem) {
      const key = `${problem.file ?? ''}:${problem.code}`;
      if (!problems.has(key)) problems.set(key, problem);
      continue;
    }
    files.push({ path: route.outputPath, contents: html ?? '' });
  }
  return staged(files, [...problems.values()]);
}
