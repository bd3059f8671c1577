/**
 * Searching one text forward, in linear time overall. A scanner that asks "where is the next `]`?" at each of
 * n openers costs n × the text when there is none (200,000 `[gallery ` openers: minutes). Positions only grow
 * during a scan, so the answer found last still holds while it lies at or after the new start, and a search
 * that found nothing finds nothing later either.
 */

/** Where `pattern` next occurs in `text` at or after `from` (its start and end), or undefined; `from` must not go back between calls. */
export type ForwardSearch = (from: number) => { start: number; end: number } | undefined;

/**
 * @param pattern a string, or a regular expression whose matches do not depend on what comes before them
 * (no lookbehind, no `^`); a `g` copy of it is used.
 * @example const next = forwardSearch(text, ']'); next(0); next(10);
 */
export function forwardSearch(text: string, pattern: string | RegExp): ForwardSearch {
  const regex = typeof pattern === 'string' ? undefined : new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  let lastFrom = -1;
  let found: { start: number; end: number } | undefined;
  return (from) => {
    if (lastFrom !== -1 && from >= lastFrom && (found === undefined || found.start >= from)) return found;
    lastFrom = from;
    if (typeof pattern === 'string') {
      const start = text.indexOf(pattern, from);
      found = start === -1 ? undefined : { start, end: start + pattern.length };
    } else if (regex) {
      regex.lastIndex = from;
      const match = regex.exec(text);
      found = match ? { start: match.index, end: match.index + match[0].length } : undefined;
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

/**
 * The spans from each `opener` to the first closer after it (`closerOf` names the closer's search for that
 * opener), in order and not overlapping; an opener with no closer after it ends the scan. Linear, unlike
 * `/<!--[\s\S]*?-->/g`, which reads to the end of the text from every opener that has no closer.
 * @example delimitedSpans('a<!--b-->c', /<!--/g, () => search) // [{ start: 1, end: 9 }]
 */
export function delimitedSpans(text: string, opener: RegExp, closerOf: (match: RegExpExecArray) => ForwardSearch): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let after = 0;
  for (const match of text.matchAll(opener)) {
    if (match.index < after) continue;
    const closer = closerOf(match)(match.index + match[0].length);
    if (!closer) break;
    spans.push({ start: match.index, end: closer.end });
    after = closer.end;
  }
  return spans;
}

/** `text` without the spans. */
export function withoutSpans(text: string, spans: readonly { start: number; end: number }[]): string {
  let result = '';
  let copied = 0;
  for (const span of spans) {
    result += text.slice(copied, span.start);
    copied = span.end;
  }
  return result + text.slice(copied);
}
