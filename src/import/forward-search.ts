/**
 * Searching one text forward, in linear time overall. A scanner that asks "where is the next `]`?" at each of
 * n openers costs n × the text when there is none (200,000 `[gallery ` openers: minutes). Positions only grow
 * during a scan, so the answer found last still holds while it lies at or after the new start, and a search
 * that found nothing finds nothing later either.
 */

/** Where `pattern` next occurs in `text` at or after `from`, or -1; `from` must not go back between calls. */
export type ForwardSearch = (from: number) => number;

/**
 * @param pattern a string, or a regular expression whose matches do not depend on what comes before them
 * (no lookbehind, no `^`); it is used with its own `g` copy.
 * @example const next = forwardSearch(text, ']'); next(0); next(10);
 */
export function forwardSearch(text: string, pattern: string | RegExp): ForwardSearch {
  const regex = typeof pattern === 'string' ? undefined : new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  let lastFrom = -1;
  let found = -1;
  return (from) => {
    if (lastFrom !== -1 && from >= lastFrom && (found === -1 || found >= from)) return found;
    lastFrom = from;
    if (!regex) found = text.indexOf(pattern as string, from);
    else {
      regex.lastIndex = from;
      found = regex.exec(text)?.index ?? -1;
    }
    return found;
  };
}

/** One `ForwardSearch` per literal, made when first asked for. */
export function forwardSearches(text: string): (literal: string) => ForwardSearch {
  const searches = new Map<string, ForwardSearch>();
  return (literal) => {
    let search = searches.get(literal);
    if (!search) {
      search = forwardSearch(text, literal);
      searches.set(literal, search);
    }
    return search;
  };
}
