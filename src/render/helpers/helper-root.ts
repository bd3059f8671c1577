/**
 * What every helper can read. Helpers take the site, strings and asset map from the
 * template's root context (`options.data.root`), never from module state, so two
 * themes (or two builds) in one process cannot see each other's values.
 */
import type { HelperOptions } from 'handlebars';
import type { Site } from '../../model/types.js';
import type { ThemeStrings } from '../theme-strings.js';

/** The fields of the root context that built-in helpers rely on. */
export interface HelperRoot {
  readonly site: Site;
  readonly strings: ThemeStrings;
  readonly assets: ReadonlyMap<string, string>;
}

/** A Handlebars helper as registered: positional arguments, then the options object. */
export type HelperFunction = (...args: unknown[]) => unknown;

/** The options object Handlebars passes last (with `loc`, which its typings omit). */
export type LocatedHelperOptions = HelperOptions & {
  readonly loc?: { readonly start: { readonly line: number; readonly column: number } };
};

/** The trailing options object of a helper call. */
export function optionsOf(args: readonly unknown[]): LocatedHelperOptions {
  return args[args.length - 1] as LocatedHelperOptions;
}

/** The positional arguments of a helper call (everything but the options object). */
export function paramsOf(args: readonly unknown[]): unknown[] {
  return args.slice(0, -1);
}

/** The template's root context. */
export function rootOf(options: HelperOptions): HelperRoot {
  const root = (options.data as { root?: HelperRoot } | undefined)?.root;
  if (!root?.site) throw new Error('This helper needs the page context; call it from a sectorpress template.');
  return root;
}
