/** Parse and compile theme files once, on one private Handlebars instance. */
import { promises as fs } from 'node:fs';
import type Handlebars from 'handlebars';
import type { Problem } from '../shared/errors.js';
import { guardTemplate } from './render-failure.js';
import { templateProblem } from './template-errors.js';
import type { ThemeFile } from './theme-layers.js';

/** A compiled template and the file it came from. */
export interface CompiledTemplate {
  readonly render: Handlebars.TemplateDelegate;
  readonly file: ThemeFile;
  readonly source: string;
}

type HandlebarsInstance = ReturnType<typeof Handlebars.create>;

const SYNTAX_HINT = 'Fix the Handlebars syntax here: every {{#block}} needs its {{/block}}, and braces must be balanced.';

/**
 * Compile now rather than on first render, so compile-time mistakes (such as a partial
 * call with two contexts) are reported at load time with their location.
 */
function compileEagerly(handlebars: HandlebarsInstance, source: string): Handlebars.TemplateDelegate {
  const render = handlebars.compile(handlebars.parse(source), { preventIndent: true });
  // `_setup` is how Handlebars' own runtime forces the lazy compile; it has no typings.
  (render as unknown as { _setup(options: object): unknown })._setup({});
  return render;
}

/** Compile one theme file; a syntax error becomes a located problem and `undefined`. */
async function compileThemeFile(file: ThemeFile, handlebars: HandlebarsInstance, problems: Problem[]): Promise<CompiledTemplate | undefined> {
  const source = await fs.readFile(file.absolutePath, 'utf8');
  try {
    return { render: guardTemplate(compileEagerly(handlebars, source), file.displayPath), file, source };
  } catch (error) {
    problems.push(templateProblem(error, file.displayPath, 'theme/syntax', SYNTAX_HINT, source));
    return undefined;
  }
}

/** Compile every file of `files`, keyed by `nameOf(file)`. */
export async function compileThemeFiles(files: Iterable<ThemeFile>, handlebars: HandlebarsInstance, nameOf: (file: ThemeFile) => string, problems: Problem[]): Promise<Map<string, CompiledTemplate>> {
  const compiled = new Map<string, CompiledTemplate>();
  for (const file of files) {
    const template = await compileThemeFile(file, handlebars, problems);
    if (template) compiled.set(nameOf(file), template);
  }
  return compiled;
}
