/**
 * The one static analysis of a template, shared by `theme check` and the build's theme
 * loading so the two agree: parse and compile errors in plain words, then every call
 * Handlebars would fail on while rendering (an unknown helper or partial, a field called
 * with arguments, a path with a stray dot, `{{#if}}` without its argument), each located.
 */
import Handlebars from 'handlebars';
import { suggestName } from '../config/suggest-name.js';
import { errorProblem, type Problem } from '../shared/errors.js';
import { KNOWN_HELPER_NAMES } from './helpers/built-in-helpers.js';
import { collectReferences, type TemplateReference } from './template-references.js';
import { templateProblem } from './template-errors.js';

/** What a template may call besides Handlebars' and sectorpress's own helpers. */
export interface TemplateNames {
  /** Partial names (`byline`, `cards/small`) across every theme layer. */
  readonly partials: ReadonlySet<string>;
  /** Helpers the site's config defines. */
  readonly siteHelpers: readonly string[];
}

export interface TemplateAnalysis<T = unknown> {
  /** The parsed template, when it parses. */
  readonly program: hbs.AST.Program | undefined;
  /** What `compile` made of it, when it compiles. */
  readonly compiled: T | undefined;
  readonly references: readonly TemplateReference[];
  /** Errors only: each is something the build would fail on. */
  readonly problems: readonly Problem[];
}

/** Handlebars' own helpers that throw unless given exactly one argument. */
const ONE_ARGUMENT: Readonly<Record<string, string>> = {
  if: 'the value to test',
  unless: 'the value to test',
  with: 'the value to step into',
  each: 'the list to repeat over',
};

const did = (nearest: string | undefined): string => (nearest ? `Did you mean "${nearest}"? ` : '');

type Where = Pick<Problem, 'file' | 'line' | 'column'>;

function helperProblem(reference: TemplateReference, helpers: readonly string[], siteHelpers: readonly string[], where: Where): Problem | undefined {
  if (!helpers.includes(reference.name)) {
    return errorProblem({
      code: 'theme/unknown-helper',
      message: `Unknown helper "${reference.name}".`,
      hint: `${did(suggestName(reference.name, helpers))}Built-in helpers: ${KNOWN_HELPER_NAMES.filter((name) => !name.endsWith('Missing')).join(', ')}. A site adds its own with \`helpers\` in its config (run the check from the site folder, or pass --site DIR, so they are known).`,
      ...where,
    });
  }
  const needs = siteHelpers.includes(reference.name) ? undefined : ONE_ARGUMENT[reference.name];
  if (needs && reference.argumentCount !== 1) {
    return errorProblem({
      code: 'theme/helper-arguments',
      message: `{{#${reference.name}}} takes exactly one argument, ${needs}; here it has ${reference.argumentCount === 0 ? 'none' : reference.argumentCount}.`,
      hint: `Write {{#${reference.name} value}}…{{/${reference.name}}}, with one value (a path has no spaces in it).`,
      ...where,
    });
  }
  return undefined;
}

function referenceProblem(reference: TemplateReference, names: TemplateNames, inline: ReadonlySet<string>, helpers: readonly string[], where: Where): Problem | undefined {
  switch (reference.kind) {
    case 'partial':
      if (names.partials.has(reference.name) || inline.has(reference.name)) return undefined;
      return errorProblem({
        code: 'theme/missing-partial',
        message: `The partial "${reference.name}" is used but there is no partials/${reference.name}.hbs.`,
        hint: `${did(suggestName(reference.name, [...names.partials, ...inline]))}Create the partial or fix the name.`,
        ...where,
      });
    case 'helper':
      return helperProblem(reference, helpers, names.siteHelpers, where);
    case 'field-call':
      return errorProblem({
        code: 'theme/field-call',
        message: `"${reference.name}" is a field, not a helper: it cannot take arguments.`,
        hint: `Write {{${reference.name}}} alone, or give it to a helper: {{helperName ${reference.name} …}}.`,
        ...where,
      });
    case 'malformed-path': {
      const meant = reference.name.replace(/\.{2,}/g, '.').replace(/\.+$/, '');
      return errorProblem({
        code: 'theme/bad-path',
        message: `"${reference.name}" is not a valid path: it has a stray dot.`,
        hint: `${meant ? `Write ${meant}: j` : 'J'}oin the names of a path with single dots, with no dot at either end.`,
        ...where,
      });
    }
    case 'decorator':
      return errorProblem({
        code: 'theme/unknown-decorator',
        message: `Unknown decorator "{{*${reference.name}}}".`,
        hint: 'The only decorator is {{#*inline "name"}}…{{/inline}}, which defines a partial; for a comment write {{!-- … --}}.',
        ...where,
      });
    default:
      return undefined;
  }
}

/**
 * Everything the build would fail on in one template, found without rendering it. `compile`
 * finds the mistakes parsing does not (a partial given two contexts, a block closed by the
 * wrong name); the build passes its own, so each template is compiled once.
 *
 * @example
 * const { problems } = analyseTemplate('<h1>{{post.title.}}</h1>', 'theme/post.hbs', { partials: new Set(), siteHelpers: [] });
 * problems[0]; // theme/post.hbs:1:5 error: "post.title." is not a valid path: it has a stray dot.
 */
export function analyseTemplate<T = unknown>(
  source: string,
  file: string,
  names: TemplateNames,
  compile: (program: hbs.AST.Program) => T = (program) => Handlebars.precompile(program) as T,
): TemplateAnalysis<T> {
  let program: hbs.AST.Program;
  let compiled: T;
  try {
    program = Handlebars.parse(source);
    compiled = compile(program);
  } catch (error) {
    return { program: undefined, compiled: undefined, references: [], problems: [templateProblem(error, file, source)] };
  }
  const references = collectReferences(program);
  const inline = new Set(references.filter((reference) => reference.kind === 'inline-partial').map((reference) => reference.name));
  const helpers = [...new Set([...KNOWN_HELPER_NAMES, ...names.siteHelpers])];
  const problems = references.flatMap((reference) => referenceProblem(reference, names, inline, helpers, { file, line: reference.line, column: reference.column }) ?? []);
  return { program, compiled, references, problems };
}
