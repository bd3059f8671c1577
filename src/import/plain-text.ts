/**
 * HTML fragments → plain text, for what the site shows as text (comments, summaries, term and author
 * names). WordPress stores these with HTML entities (`SEND &amp; inclusion`, `&#8217;`).
 */
import { delimitedSpans, forwardSearch, withoutSpans } from './forward-search.js';

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  pound: '£',
  euro: '€',
  copy: '©',
  reg: '®',
  trade: '™',
  middot: '·',
  bull: '•',
  laquo: '«',
  raquo: '»',
};

function codePoint(number: number): string {
  return Number.isInteger(number) && number > 0 && number <= 0x10ffff && !(number >= 0xd800 && number <= 0xdfff) ? String.fromCodePoint(number) : '\ufffd';
}

/** Decode numeric and the common named HTML entities; an unknown name is left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
    if (name[0] === '#') return codePoint(name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return NAMED[name] ?? NAMED[name.toLowerCase()] ?? whole;
  });
}

/** Without scripts, styles (with their content) and comments, found in one pass. */
function withoutHidden(html: string): string {
  const closers = { script: forwardSearch(html, /<\/script\s*>/i), style: forwardSearch(html, /<\/style\s*>/i) };
  const code = withoutSpans(
    html,
    delimitedSpans(html, /<(script|style)\b/gi, (match) => closers[(match[1] ?? '').toLowerCase() as 'script' | 'style']),
  );
  const comments = forwardSearch(code, '-->');
  return withoutSpans(
    code,
    delimitedSpans(code, /<!--/g, () => comments),
  );
}

/**
 * An HTML fragment as plain text: tags go, `<br>` is a line break, paragraphs are separated by a blank
 * line; classic WordPress text with blank lines between paragraphs keeps them.
 *
 * @example
 * htmlToText('<p>Thanks &amp; well done</p><p>Sam</p>'); // 'Thanks & well done\n\nSam'
 */
export function htmlToText(html: string): string {
  const text = withoutHidden(html.replace(/\r\n?/g, '\n'))
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|blockquote|li|h[1-6]|ul|ol|pre|figure)\s*>/gi, '\n\n')
    // A tag ends at `>`; an unclosed one is given up at the next `<`, so a run of them is not quadratic.
    .replace(/<[^<>]*>/g, '');
  return decodeEntities(text)
    .replace(/\u00a0/g, ' ')
    .split(/\n[ \t]*\n\s*/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.replace(/[ \t]+/g, ' ').trim())
        .filter(Boolean)
        .join('\n'),
    )
    .filter(Boolean)
    .join('\n\n');
}

/** One line of plain text (names, titles, summaries). */
export function htmlToLine(html: string): string {
  return htmlToText(html).replace(/\s+/g, ' ').trim();
}
