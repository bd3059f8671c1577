/** Read, check and precompile a theme across its layers; hash its assets. */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Config } from '../config/types.js';
import { errorProblem, staged, type Problem, type Staged } from '../errors.js';
import type { OutputFile } from '../output/types.js';
import { templateProblem } from './template-errors.js';
import { THEME_HELPERS } from './theme-helpers.js';
import { findThemeFiles, themeLayers, type ThemeFile } from './theme-layers.js';

export interface CompiledTemplate {
  readonly render: Handlebars.TemplateDelegate;
  readonly file: ThemeFile;
}

/** A loaded theme: templates by name (no `.hbs`), strings, hashed assets. */
export interface Theme {
  readonly layers: readonly string[];
  readonly templates: ReadonlyMap<string, CompiledTemplate>;
  readonly partials: ReadonlyMap<string, ThemeFile>;
  readonly strings: Readonly<Record<string, string>>;
  /** `css/site.css` → `/assets/css/site.3f9a1c2b.css`. */
  readonly assets: ReadonlyMap<string, string>;
  readonly assetFiles: readonly OutputFile[];
  readonly manifest: Readonly<Record<string, unknown>>;
}

export const REQUIRED_TEMPLATES = ['default', 'index', 'post', 'page', 'tag', 'tags', 'author', 'archive', 'events', 'event', '404'];

async function compile(file: ThemeFile, handlebars: typeof Handlebars, problems: Problem[]): Promise<Handlebars.TemplateDelegate | undefined> {
  const source = await fs.readFile(file.absolutePath, 'utf8');
  try {
    const ast = handlebars.parse(source);
    return handlebars.compile(ast, { preventIndent: true, strict: false });
  } catch (error) {
    problems.push(templateProblem(error, file.displayPath, 'theme/syntax', 'Fix the Handlebars syntax here: every {{#block}} needs its {{/block}}, and braces must be balanced.'));
    return undefined;
  }
}

async function readJson(files: ReadonlyMap<string, ThemeFile>, name: string, problems: Problem[]): Promise<Record<string, unknown>> {
  const file = files.get(name);
  if (!file) return {};
  try {
    return JSON.parse(await fs.readFile(file.absolutePath, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    problems.push(errorProblem({ code: 'theme/json', message: `${name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, file: file.displayPath }));
    return {};
  }
}

/** Strings merge key by key: the bundled English, then the locale of `language`, each layer able to override single keys. */
async function loadStrings(layers: readonly string[], language: string, root: string, problems: Problem[]): Promise<Record<string, string>> {
  const strings: Record<string, string> = {};
  for (const name of ['en-GB', language]) {
    for (const layer of [...layers].reverse()) {
      const files = await findThemeFiles([layer], `locales/${name}.json`, root);
      Object.assign(strings, await readJson(files, `locales/${name}.json`, problems));
    }
  }
  return strings;
}

async function hashAssets(layers: readonly string[], root: string): Promise<{ urls: Map<string, string>; files: OutputFile[] }> {
  const urls = new Map<string, string>();
  const files: OutputFile[] = [];
  for (const file of (await findThemeFiles(layers, 'assets/**/*', root)).values()) {
    const contents = await fs.readFile(file.absolutePath);
    const hash = createHash('sha256').update(contents).digest('hex').slice(0, 10);
    const name = file.relativePath.slice('assets/'.length);
    const extension = path.posix.extname(name);
    const output = `assets/${name.slice(0, name.length - extension.length)}.${hash}${extension}`;
    urls.set(name, `/${output}`);
    files.push({ path: output, contents });
  }
  return { urls, files };
}

/**
 * Load the theme for a site: every template and partial compiled once on a
 * private Handlebars instance with the built-in and configured helpers.
 */
export async function loadTheme(config: Config): Promise<Staged<Theme>> {
  const problems: Problem[] = [];
  const layers = themeLayers(config);
  const handlebars = Handlebars.create();
  handlebars.registerHelper({ ...THEME_HELPERS, ...config.helpers });
  const templateFiles = await findThemeFiles(layers, '*.hbs', config.root);
  const partialFiles = await findThemeFiles(layers, 'partials/**/*.hbs', config.root);
  const templates = new Map<string, CompiledTemplate>();
  for (const file of templateFiles.values()) {
    const render = await compile(file, handlebars, problems);
    if (render) templates.set(file.relativePath.replace(/\.hbs$/, ''), { render, file });
  }
  const partials = new Map<string, ThemeFile>();
  for (const file of partialFiles.values()) {
    const name = file.relativePath.replace(/^partials\//, '').replace(/\.hbs$/, '');
    const render = await compile(file, handlebars, problems);
    if (render) handlebars.registerPartial(name, render);
    partials.set(name, file);
  }
  for (const name of ['default', '404']) {
    if (!templateFiles.has(`${name}.hbs`)) {
      problems.push(errorProblem({ code: 'theme/missing-template', message: `The theme has no ${name}.hbs.`, hint: `Add ${name}.hbs to the theme (copy it from the default theme with \`sectorpress theme eject\`).`, file: layers[1] ?? layers[0] }));
    }
  }
  const manifest = await readJson(await findThemeFiles(layers, 'theme.json', config.root), 'theme.json', problems);
  const strings = await loadStrings(layers, config.language, config.root, problems);
  const assets = await hashAssets(layers, config.root);
  return staged({ layers, templates, partials, strings, assets: assets.urls, assetFiles: assets.files, manifest }, problems);
}
