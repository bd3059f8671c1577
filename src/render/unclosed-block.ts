/** Which `{{#block}}` a template leaves open or closes wrongly: Handlebars only says the file ended too early, or names the two blocks. */

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

interface OpenBlock {
  readonly name: string;
  readonly opener: string;
  readonly index: number;
}

/** A `{{/name}}` that is not the innermost open block's, and the block it meets. */
export interface MismatchedClose {
  /** As written, e.g. `{{/if}}`. */
  readonly closer: string;
  /** The innermost open block, e.g. `{{#each}}`, where its `{{` is. */
  readonly opener: string;
  readonly openerCloser: string;
  readonly openLine: number;
  readonly openColumn: number;
  readonly line: number;
  readonly column: number;
}

/** Blocks in source order: the first closer that does not match, and what is left open at the end. */
function scanBlocks(source: string): { mismatch?: MismatchedClose; open: OpenBlock[] } {
  const open: OpenBlock[] = [];
  for (const match of source.matchAll(TAG)) {
    const [, kind, prefix, name] = match;
    if (!kind || !name) continue;
    if (kind === '/') {
      const innermost = open.pop();
      if (innermost && innermost.name !== name) {
        const opened = positionAt(source, innermost.index);
        const mismatch = {
          closer: `{{/${name}}}`,
          opener: innermost.opener,
          openerCloser: `{{/${innermost.name}}}`,
          openLine: opened.line,
          openColumn: opened.column,
          ...positionAt(source, match.index),
        };
        return { mismatch, open };
      }
      continue;
    }
    const shownName = prefix === '>' ? `> ${name}` : `${prefix ?? ''}${name}`;
    open.push({ name, opener: `{{${kind}${shownName}}}`, index: match.index });
  }
  return { open };
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
  const { open } = scanBlocks(source);
  const last = open.at(-1);
  return last ? { opener: last.opener, closer: `{{/${last.name}}}`, ...positionAt(source, last.index) } : undefined;
}

/**
 * The first `{{/name}}` that closes a block other than the innermost open one.
 *
 * @example
 * findMismatchedClose('{{#if a}}\n{{#each b}}{{/if}}') // { closer: '{{/if}}', opener: '{{#each}}', line: 2, column: 12, openLine: 2, openColumn: 1, … }
 */
export function findMismatchedClose(source: string): MismatchedClose | undefined {
  return scanBlocks(source).mismatch;
}
