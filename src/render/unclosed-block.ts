/** Which `{{#block}}` a template leaves open: Handlebars only says the file ended too early. */

/** A block opened and never closed, where its `{{` is (1-based). */
export interface UnclosedBlock {
  /** As written, e.g. `{{#if}}`, `{{#each}}`, `{{#> layout}}`. */
  readonly opener: string;
  /** What closes it, e.g. `{{/if}}`. */
  readonly closer: string;
  readonly line: number;
  readonly column: number;
}

// Comments first, so a block inside `{{!-- … --}}` is not counted; then openers and closers.
const TAG = /\{\{~?(?:!--[\s\S]*?--~?\}\}|![\s\S]*?\}\}|\s*([#^/])\s*(\*|>)?\s*([^\s}~()]+))/g;

function positionAt(source: string, index: number): { line: number; column: number } {
  const before = source.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: index - lineStart + 1 };
}

/**
 * The innermost block still open at the end of `source` (the one Handlebars needed closed
 * first), or `undefined` when every block is closed.
 *
 * @example
 * findUnclosedBlock('{{#each posts}}\n  {{#if title}}{{title}}\n{{/each}}') // undefined: Handlebars reports the mismatch
 * findUnclosedBlock('<main>\n  {{#if title}}{{title}}\n</main>') // { opener: '{{#if}}', line: 2, column: 3, … }
 */
export function findUnclosedBlock(source: string): UnclosedBlock | undefined {
  const open: { name: string; opener: string; index: number }[] = [];
  for (const match of source.matchAll(TAG)) {
    const [, kind, prefix, name] = match;
    if (!kind || !name) continue;
    if (kind === '/') {
      open.pop();
      continue;
    }
    const shownName = prefix === '>' ? `> ${name}` : `${prefix ?? ''}${name}`;
    open.push({ name, opener: `{{${kind}${shownName}}}`, index: match.index });
  }
  const last = open.at(-1);
  return last ? { opener: last.opener, closer: `{{/${last.name}}}`, ...positionAt(source, last.index) } : undefined;
}
