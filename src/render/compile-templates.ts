/** Parse and compile theme files once, on one private Handlebars instance. */
import { promises as fs } from 'node:fs';
import type Handlebars from 'handlebars';
import { hasErrors, type Problem } from '../shared/errors.js';
import { analyseTemplate, type TemplateNames } from './analyse-template.js';
import { guardTemplate } from './render-failure.js';
import type { ThemeFile } from './theme-layers.js';

/** A compiled template and the file it came from. */
export interface CompiledTemplate {
  readonly render: Handlebars.TemplateDelegate;
  readonly file: ThemeFile;
  readonly source: string;
}

type HandlebarsInstance = ReturnType<typeof Handlebars.create>;

/**
 * Compile now rather than on first render, so compile-time mistakes (such as a partial
 * call with two contexts) are reported at load time with their location.
 */
function compileEagerly(handlebars: HandlebarsInstance, program: hbs.AST.Program): Handlebars.TemplateDelegate {
  const render = handlebars.compile(program, { preventIndent: true });
  // `_setup` is how Handlebars' own runtime forces the lazy compile; it has no typings.
  (render as unknown as { _setup(options: object): unknown })._setup({});
  return render;
}

/**
 * Compile one theme file within the analysis `theme check` runs (analyse-template.ts): each
 * of its errors becomes a located problem, and a file with any gives `undefined`.
 */
async function compileThemeFile(file: ThemeFile, handlebars: HandlebarsInstance, names: TemplateNames, problems: Problem[]): Promise<CompiledTemplate | undefined> {
  const source = await fs.readFile(file.absolutePath, 'utf8');
  const analysis = analyseTemplate(source, file.displayPath, names, (program) => compileEagerly(handlebars, program));
  problems.push(...analysis.problems);
  if (hasErrors(analysis.problems) || !analysis.compiled) return undefined;
  return { render: guardTemplate(analysis.compiled, file.displayPath), file, source };
}

/** Compile every file of `files`, keyed by `nameOf(file)`; `names` are what the templates may call. */
export async function compileThemeFiles(
  files: Iterable<ThemeFile>,
  handlebars: HandlebarsInstance,
  nameOf: (file: ThemeFile) => string,
  names: TemplateNames,
  problems: Problem[],
): Promise<Map<string, CompiledTemplate>> {
  const compiled = new Map<string, CompiledTemplate>();
  for (const file of files) {
    const template = await compileThemeFile(file, handlebars, names, problems);
    if (template) compiled.set(nameOf(file), template);
  }
  return compiled;
}
