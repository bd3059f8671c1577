/**
 * Redirects as written: an entry's `redirects` front matter (old addresses of that entry) and
 * `data/redirects.yml` (a list of `{ from, to }`). Each address is checked here against the one
 * URL-path rule, so an unsafe one is reported at its own line; whether a `to` leads anywhere is
 * decided once the site's routes are known (routes/plan-redirects.ts).
 */
import { LineCounter, isSeq, parseDocument } from 'yaml';
import { addressCharacterError, quoteAddress } from '../shared/check-url-path.js';
import { errorProblem, staged, type Problem, type Staged } from '../shared/errors.js';
import { redirectFromDanger, redirectTargetDanger } from '../shared/redirect-address.js';
import type { SourcePosition } from '../shared/source-position.js';
import type { FrontMatter } from './front-matter.js';
import type { RedirectRecord, SourceFile } from './types.js';

/** Split off the query of an old address (it lives in src/shared/redirect-address.ts, for the importers too). */
export { splitQuery } from '../shared/redirect-address.js';

const DOCS_HINT = 'See docs/redirects.md.';

/** What to do about an address with whitespace or a control character in it. */
const ONE_LINE_HINT = 'Write the address on one line, without tabs, line breaks or invisible characters; write a space as `%20`.';

function problemAt(file: string, at: SourcePosition, message: string, hint: string, code = 'redirects/invalid'): Problem {
  return errorProblem({ code, message, hint, file, line: at.line, column: at.column });
}

/**
 * The `redirects` list of one entry's front matter: old site-relative addresses of that entry.
 * A single address may be written as one line of text.
 */
export function readRedirectsField(front: FrontMatter, file: string, problems: Problem[]): RedirectRecord[] {
  const value = front.data.redirects;
  if (value === undefined || value === null) return [];
  const key = front.positions.redirects ?? { line: 1, column: 1 };
  const items = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (!items) {
    problems.push(problemAt(file, key, '`redirects` must be a list of old addresses.', 'Write e.g.\n  redirects:\n    - /archives/123/\n    - /?p=123', 'front-matter/redirects'));
    return [];
  }
  const records: RedirectRecord[] = [];
  items.forEach((item, index) => {
    const at = front.items?.redirects?.[index] ?? key;
    const from = typeof item === 'string' ? item.trim() : undefined;
    const danger = from === undefined ? 'is not text' : redirectFromDanger(from);
    if (from === undefined || danger) {
      problems.push(
        problemAt(
          file,
          at,
          `The old address ${typeof item === 'string' ? quoteAddress(item) : JSON.stringify(item)} in \`redirects\` is not allowed: it ${danger ?? ''}.`,
          `${from !== undefined && addressCharacterError(from) ? `${ONE_LINE_HINT} ` : ''}Write a path on the old site, e.g. \`/archives/123/\` or \`/?p=123\`. ${DOCS_HINT}`,
          'front-matter/redirects',
        ),
      );
      return;
    }
    records.push({ from, to: undefined, file, line: at.line, column: at.column });
  });
  return records;
}

/** One `{ from, to }` item of `data/redirects.yml`, or the problem with it. */
function readDataItem(item: unknown, file: string, at: SourcePosition, problems: Problem[]): RedirectRecord | undefined {
  const record = item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : undefined;
  if (!record || typeof record.from !== 'string' || typeof record.to !== 'string') {
    problems.push(problemAt(file, at, 'Each redirect needs `from` and `to`, both text.', `Write e.g.\n  - from: /category/news/\n    to: /tag/news/\n${DOCS_HINT}`));
    return undefined;
  }
  const from = record.from.trim();
  const to = record.to.trim();
  const oneLine = (address: string): string => (addressCharacterError(address) ? `${ONE_LINE_HINT} ` : '');
  const fromDanger = redirectFromDanger(from);
  if (fromDanger)
    problems.push(
      problemAt(file, at, `The redirect from ${quoteAddress(from)} is not allowed: it ${fromDanger}.`, `${oneLine(from)}Write a path on the old site, e.g. \`/category/news/\`. ${DOCS_HINT}`),
    );
  const toDanger = redirectTargetDanger(to);
  if (toDanger)
    problems.push(
      problemAt(
        file,
        at,
        `The redirect target ${quoteAddress(to)} is not usable: it ${toDanger}.`,
        `${oneLine(to)}Write a path on this site (\`/tag/news/\`) or a full https:// address. ${DOCS_HINT}`,
      ),
    );
  return fromDanger || toDanger ? undefined : { from, to, file, line: at.line, column: at.column };
}

/**
 * `data/redirects.yml`: a list of `{ from, to }`, each located at its own line.
 *
 * @example
 * readRedirectData(file).value; // [{ from: '/category/news/', to: '/tag/news/', file: 'data/redirects.yml', line: 1, column: 3 }]
 */
export function readRedirectData(file: SourceFile): Staged<RedirectRecord[]> {
  const problems: Problem[] = [];
  const counter = new LineCounter();
  const document = parseDocument(file.text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  // Syntax errors are reported by readData, which reads every data file.
  if (document.errors.length > 0) return staged([], problems);
  const position = (offset: number | undefined): SourcePosition => {
    const at = counter.linePos(offset ?? 0);
    return { line: at.line, column: at.col };
  };
  const list = document.contents;
  if (list === null) return staged([], problems);
  if (!isSeq(list)) {
    problems.push(problemAt(file.relativePath, { line: 1, column: 1 }, 'redirects.yml must be a list of `{ from, to }` items.', `Start each item with \`- from: /old/path/\`. ${DOCS_HINT}`));
    return staged([], problems);
  }
  let values: unknown[];
  try {
    values = document.toJS({ maxAliasCount: 100 }) as unknown[];
  } catch {
    return staged([], problems); // readData reports it
  }
  const records = list.items.flatMap((node, index) => {
    const record = readDataItem(values[index], file.relativePath, position((node as { range?: [number, number, number] } | null)?.range?.[0] ?? list.range?.[0]), problems);
    return record ? [record] : [];
  });
  return staged(records, problems);
}
