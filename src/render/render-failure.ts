/**
 * Where a render went wrong. Handlebars runtime errors carry no location, so helpers
 * and partials are wrapped: the innermost wrapper that sees the error records the helper
 * name and line (from the helper's `options.loc`) and the partial's file; outer ones
 * only fill what is still missing.
 */
import type { HelperDelegate } from 'handlebars';
import { optionsOf, type HelperFunction } from './helpers/helper-root.js';

/** An error thrown while rendering, with as much of its location as is known. */
export class RenderFailure extends Error {
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
export function annotateFailure(error: unknown, fields: Partial<Pick<RenderFailure, 'helper' | 'file' | 'line' | 'column'>>): RenderFailure {
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
