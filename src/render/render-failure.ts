/**
 * Where a render went wrong. Handlebars runtime errors carry no location, so helpers
 * and partials are wrapped: the innermost wrapper that sees the error records the helper
 * name and line (from the helper's `options.loc`) and the partial's file; outer ones
 * only fill what is still missing.
 */
import Handlebars, { type HelperDelegate } from 'handlebars';
import type { Route } from '../routes/types.js';
import { errorProblem, type Problem } from '../shared/errors.js';
import { docsFile } from '../shared/package-root.js';
import { optionsOf, type HelperFunction } from './helpers/helper-root.js';
import { collectReferences } from './template-references.js';

/** An error thrown while rendering, with as much of its location as is known. */
class RenderFailure extends Error {
  helper: string | undefined;
  file: string | undefined;
  line: number | undefined;
  column: number | undefined;

  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'RenderFailure';
  }
}

/** Wrap `error` (once) and fill in any location fields it does not have yet. */
function annotateFailure(error: unknown, fields: Partial<Pick<RenderFailure, 'helper' | 'file' | 'line' | 'column'>>): RenderFailure {
  const failure = error instanceof RenderFailure ? error : new RenderFailure(error);
  // Once the file is known the location is final: outer callers' lines are in other files.
  if (failure.file !== undefined) return failure;
  failure.helper ??= fields.helper;
  if (failure.line === undefined && fields.line !== undefined) {
    failure.line = fields.line;
    failure.column = fields.column;
  }
  failure.file = fields.file;
  return failure;
}

/** A helper that reports its own name and call site when it throws. */
export function guardHelper(name: string, helper: HelperDelegate | HelperFunction): HelperFunction {
  return function guarded(this: unknown, ...args: unknown[]): unknown {
    try {
      return (helper as HelperFunction).apply(this, args);
    } catch (error) {
      const start = optionsOf(args)?.loc?.start;
      throw annotateFailure(error, { helper: name, line: start?.line, column: start === undefined ? undefined : start.column + 1 });
    }
  };
}

/** A template or partial that names its file when something inside it throws. */
export function guardTemplate<T extends (...args: never[]) => string>(render: T, file: string): T {
  const guarded = (...args: Parameters<T>): string => {
    try {
      return render(...args);
    } catch (error) {
      throw annotateFailure(error, { file });
    }
  };
  return guarded as T;
}

/**
 * Handlebars reports a missing partial, and partials that include each other without end,
 * without a location; find the `{{> name}}` (or the first `{{> …}}`) in the template that
 * failed so the message can point at it.
 */
function locatePartialCall(name: string | undefined, source: string | undefined): { line: number; column: number } | undefined {
  if (source === undefined) return undefined;
  try {
    const reference = collectReferences(Handlebars.parse(source)).find((candidate) => candidate.kind === 'partial' && (name === undefined || candidate.name === name));
    return reference ? { line: reference.line, column: reference.column } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A runtime error in words a theme author can act on. Handlebars' own messages name its
 * generated code (`((stack1 && lookupProperty(...)) || alias4).call is not a function`)
 * or its helpers' internals; a helper's own message is kept.
 */
function plainMessage(message: string): string {
  const helper = /^Missing helper: "(.+)"$/.exec(message)?.[1];
  if (helper) return `Unknown helper "${helper}".`;
  const partial = /^The partial (.+) could not be found$/.exec(message)?.[1];
  if (partial) return `The partial "${partial}" is used but there is no partials/${partial}.hbs.`;
  const decorator = /^Missing decorator: "(.+)"$/.exec(message)?.[1];
  if (decorator) return `Unknown decorator "{{*${decorator}}}".`;
  const oneArgument = /^#(if|unless|with) requires exactly one argument$/.exec(message)?.[1];
  if (oneArgument) return `{{#${oneArgument}}} takes exactly one argument.`;
  if (message === 'Must pass iterator to #each') return '{{#each}} needs the list to repeat over.';
  if (/lookupProperty|\bstack\d|\balias\d|container\.|is not a function/.test(message))
    return 'Something that is not a helper is called with arguments, as if it were one (a field such as {{post.summary "x"}}, or a path with a stray dot).';
  if (/call stack size/.test(message)) return 'The templates include each other without end (a partial that includes itself, directly or through another).';
  return message;
}

/** A render error as a located problem naming the page, the helper and the template file. */
export function renderFailure(error: unknown, route: Route, fallbackFile: string, sources: ReadonlyMap<string, string>): Problem {
  const failure = annotateFailure(error, { file: fallbackFile });
  const partial = /^The partial (.+) could not be found$/.exec(failure.message)?.[1];
  const endless = failure.cause instanceof RangeError;
  if (failure.line === undefined && (partial !== undefined || endless)) {
    const found = locatePartialCall(partial, failure.file === undefined ? undefined : sources.get(failure.file));
    if (found) {
      failure.line = found.line;
      failure.column = found.column;
    }
  }
  const where = failure.helper && !['if', 'unless', 'each', 'with', 'helperMissing', 'blockHelperMissing'].includes(failure.helper) ? ` in the "${failure.helper}" helper` : '';
  return errorProblem({
    code: 'theme/render',
    message: `Rendering ${route.url} failed${where}: ${plainMessage(failure.message)}`,
    hint: `Check the helpers and fields this template uses (${docsFile('templates.md')} lists every field), and run \`sectorpress theme check\`.`,
    file: failure.file,
    line: failure.line,
    column: failure.column,
  });
}
