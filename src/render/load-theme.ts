/** Read, check and precompile a theme across its layers; hash its assets. */
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Config } from '../config/types.js';
import { errorProblem, staged, type Problem, type Staged } from '../shared/errors.js';
import type { OutputFile } from '../shared/output-file.js';
import { compileThemeFiles, type CompiledTemplate } from './compile-templates.js';
import { BUILT_IN_HELPERS } from './helpers/built-in-helpers.js';
import { guardHelper } from './render-failure.js';
import { hashThemeAssets } from './theme-assets.js';
import { findThemeFiles, themeDisplayPath, themeLayers, type ThemeFile } from './theme-layers.js';
import { resolveThemeOptions } from './theme-options.js';
import { loadThemeStrings, readThemeJson, type ThemeStrings } from './theme-strings.js';

export type { CompiledTemplate } from './compile-templates.js';

/** A loaded theme: compiled templates by name (no `.hbs`), strings, hashed assets. */
export interface Theme {
  /** Layer folders in use, highest priority first. */
  readonly layers: readonly string[];
  /** `post` → the compiled `post.hbs` of the highest layer that has one. */
  readonly templates: ReadonlyMap<string, CompiledTemplate>;
  /** `byline` → `partials/byline.hbs` of the highest layer that has one. */
  readonly partials: ReadonlyMap<string, ThemeFile>;
  /** Display path → text of every template and partial that compiled (for locating errors, and the page cache). */
  readonly sources: ReadonlyMap<string, string>;
  /** Locale strings of the default language, read with the `t` helper. */
  readonly strings: ThemeStrings;
  /** Strings of each language of a multilingual site, by code (the default's are `strings`). */
  readonly locales: ReadonlyMap<string, ThemeStrings>;
  /** `css/site.css` → `/assets/css/site.3f9a1c2b7d.css`. */
  readonly assets: ReadonlyMap<string, string>;
  /** The hashed asset files to write. */
  readonly assetFiles: readonly OutputFile[];
  /** `theme.json` of the highest layer that has one. */
  readonly manifest: Readonly<Record<string, unknown>>;
  /** The manifest's option defaults with the site's `themeOptions` over them. */
  readonly options: Readonly<Record<string, unknown>>;
}

/** Templates a complete theme must have (`theme check` insists on them). */
export const REQUIRED_TEMPLATES: readonly string[] = ['default', 'index', 'post', 'page', 'tag', 'tags', 'author', 'archive', 'events', 'event', '404'];

/** Templates the build cannot do without: the layout wraps every page; every site has a 404. */
const ESSENTIAL_TEMPLATES: readonly string[] = ['default', '404'];

const stripExtension = (name: string): string => name.replace(/\.hbs$/, '');

/** One private instance per theme, so helpers and partials never leak between builds. */
function createInstance(config: Config): ReturnType<typeof Handlebars.create> {
  const handlebars = Handlebars.create();
  const own = { ...handlebars.helpers } as Record<string, Handlebars.HelperDelegate>;
  for (const [name, helper] of Object.entries({ ...own, ...BUILT_IN_HELPERS, ...config.helpers })) {
    handlebars.registerHelper(name, guardHelper(name, helper));
  }
  return handlebars;
}

function missingTemplates(templates: ReadonlyMap<string, CompiledTemplate>, names: ReadonlySet<string>, config: Config): Problem[] {
  return ESSENTIAL_TEMPLATES.filter((name) => !templates.has(name) && !names.has(name)).map((name) =>
    errorProblem({
      code: 'theme/missing-template',
      message: `The theme has no ${name}.hbs${name === 'default' ? ' (the layout every page is rendered in)' : ''}.`,
      hint: `Add ${name}.hbs to the theme; \`sectorpress theme eject\` copies the default theme's one to start from.`,
      file: themeDisplayPath(config.root, config.theme, `${name}.hbs`),
    }),
  );
}

/**
 * Load the theme for a site: every template and partial compiled once on a
 * private Handlebars instance with the built-in and configured helpers.
 *
 * @example
 * const { value: theme, problems } = await loadTheme(config);
 * theme.assets.get('css/site.css'); // '/assets/css/site.3f9a1c2b7d.css'
 */
export async function loadTheme(config: Config): Promise<Staged<Theme>> {
  const problems: Problem[] = [];
  const layers = themeLayers(config);
  const handlebars = createInstance(config);
  const templateFiles = await findThemeFiles(layers, '*.hbs', config.root, problems);
  const partialFiles = await findThemeFiles(layers, 'partials/**/*.hbs', config.root, problems);
  const partialName = (file: ThemeFile): string => stripExtension(file.relativePath.replace(/^partials\//, ''));
  // Every template error is found here, as `theme check` finds it, not only the first a page meets while rendering.
  const names = { partials: new Set([...partialFiles.values()].map(partialName)), siteHelpers: Object.keys(config.helpers) };
  const templates = await compileThemeFiles(templateFiles.values(), handlebars, (file) => stripExtension(file.relativePath), names, problems);
  const compiledPartials = await compileThemeFiles(partialFiles.values(), handlebars, partialName, names, problems);
  for (const [name, partial] of compiledPartials) handlebars.registerPartial(name, partial.render);
  const partials = new Map([...partialFiles.values()].map((file) => [partialName(file), file]));
  // A template with an error is already reported; don't also call it missing.
  problems.push(...missingTemplates(templates, new Set([...templateFiles.keys()].map(stripExtension)), config));
  const manifest = await readThemeJson((await findThemeFiles(layers, 'theme.json', config.root, problems)).get('theme.json'), problems);
  const options = resolveThemeOptions(manifest, config.themeOptions, config.configFile && path.relative(config.root, config.configFile).split(path.sep).join('/'));
  problems.push(...options.problems);
  const strings = await loadThemeStrings(layers, config.language, config.root, problems);
  const locales = new Map<string, ThemeStrings>([[config.language, strings]]);
  for (const code of Object.keys(config.languages ?? {})) locales.set(code, await loadThemeStrings(layers, code, config.root, problems));
  const assets = await hashThemeAssets(layers, config.root, problems);
  const sources = new Map([...templates.values(), ...compiledPartials.values()].map((compiled) => [compiled.file.displayPath, compiled.source]));
  return staged({ layers, templates, partials, sources, strings, locales, assets: assets.urls, assetFiles: assets.files, manifest, options: options.options }, problems);
}
