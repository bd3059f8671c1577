/**
 * Automatic paragraphs for classic-editor posts: the editor stored blank lines and line breaks, and WordPress
 * turned them into `<p>` and `<br>` when it showed the post. A tokenizer splits the HTML at block-level tags;
 * only the text between them is made into paragraphs, so blocks are never wrapped and never get `<br>` between tags.
 */

/** Elements that start a block of their own: never inside a `<p>`, and no `<br>` next to their tags. */
const BLOCK_NAMES =
  'address|article|aside|blockquote|caption|center|col|colgroup|dd|details|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|legend|li|main|nav|ol|p|section|summary|table|tbody|td|tfoot|th|thead|tr|ul';
/** Elements whose content is kept exactly as written (`<pre>` text, player fallbacks, code). */
const RAW_NAMES = 'pre|script|style|iframe|video|audio';

/**
 * A tag's attributes: quoted values may hold `<` and `>`, and an unquoted `<` ends the try, so a tag left
 * without its `>` is given up at the next tag rather than at the end of the post (which made many of them quadratic).
 */
const ATTRIBUTES = `(?:"[^"]*"|'[^']*'|[^<>"'])*`;
/** A comment, a raw element with its content (to its end, or to the end of the post when unclosed), or a block tag. */
const TOKEN = new RegExp(`(<!--[\\s\\S]*?(?:-->|$))|(<(${RAW_NAMES})\\b${ATTRIBUTES}>[\\s\\S]*?(?:</\\3\\s*>|$))|(<(/?)(${BLOCK_NAMES})\\b${ATTRIBUTES}>)`, 'gi');

/** Containers whose text is always paragraphs: the post itself and quotations. */
const ALWAYS_PARAGRAPHS = new Set(['', 'blockquote']);
/** Containers whose text becomes paragraphs only when a blank line splits it; one line stays as it is (`<li>Item</li>`). */
const PARAGRAPHS_WHEN_SEVERAL = new Set(['article', 'aside', 'center', 'dd', 'details', 'div', 'fieldset', 'figure', 'footer', 'form', 'header', 'li', 'main', 'nav', 'section', 'td', 'th']);
const VOID_NAMES = new Set(['hr', 'col']);

/** A shortcode alone on its line, with its content and closing tag if it has them: WordPress leaves it unwrapped. */
const SHORTCODE_LINE = /^[ \t]*(\[([a-z][\w-]*)(?:[\s/][^\]\n]*)?\](?:[^\n]*?\[\/\2\])?)[ \t]*$/gim;

/** A line's end: spaces, then the `<br>` the author may have typed, then spaces (tested on text already without its spaces). */
const ENDING_BREAK = /<br\s*\/?>$/i;

/** Without spaces and tabs at its end (a loop: a pattern anchored at `$` is tried at every position of a long run). */
function trimEndSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end -= 1;
  return line.slice(0, end);
}

/** Single newlines → `<br>`, once: a `<br>` already ending the line is kept as the only one. */
function addLineBreaks(text: string): string {
  const lines = text.split('\n');
  return lines
    .map((line, index) => {
      const start = index === 0 ? line : line.replace(/^[ \t]+/, '');
      return index === lines.length - 1 ? start : trimEndSpaces(trimEndSpaces(start).replace(ENDING_BREAK, ''));
    })
    .join('<br>\n');
}

/** Blank-line separated paragraphs of `text`, with shortcode lines kept outside any `<p>`. */
function paragraphs(text: string): string[] {
  const marked = text.replace(SHORTCODE_LINE, '\n\n\u0000$1\n\n');
  return marked
    .split(/\n[ \t]*\n\s*/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => (part.startsWith('\u0000') ? part.slice(1) : `<p>${addLineBreaks(part)}</p>`));
}

/** Text between two block tokens, made into paragraphs or line breaks as its container calls for. */
function convertText(text: string, container: string): string {
  const core = text.trim();
  const leading = text.slice(0, text.length - text.trimStart().length);
  const trailing = text.slice(text.trimEnd().length);
  const lead = leading.includes('\n') ? '\n' : leading;
  const trail = trailing.includes('\n') ? '\n' : trailing;
  if (core === '') return lead === '\n' || trail === '\n' ? '\n' : text;
  const several = /\n[ \t]*\n/.test(core);
  if (ALWAYS_PARAGRAPHS.has(container) || (several && PARAGRAPHS_WHEN_SEVERAL.has(container))) return `${lead}${paragraphs(core).join('\n')}${trail}`;
  // Inside a heading, a paragraph or a list's own tags: line breaks only, one for any run of newlines.
  return `${lead}${addLineBreaks(core.replace(/\n\s*\n/g, '\n'))}${trail}`;
}

/** Keeps track of the innermost open block, to know what its text may become. */
function track(open: string[], tag: string, closing: boolean, name: string): void {
  if (closing) {
    const at = open.lastIndexOf(name);
    if (at !== -1) open.length = at;
  } else if (!VOID_NAMES.has(name) && !tag.endsWith('/>')) {
    open.push(name);
  }
}

/**
 * WordPress-style automatic paragraphs: blank lines separate `<p>`s, a single newline is a `<br>`, block-level
 * HTML, comments and `<pre>` are kept as written, and a shortcode alone on its line is not wrapped.
 * @example autoParagraphs('Hello.\n\nLine one\nline two') // '<p>Hello.</p>\n<p>Line one<br>\nline two</p>'
 */
export function autoParagraphs(html: string): string {
  const text = html.replace(/\r\n?/g, '\n');
  const open: string[] = [];
  let result = '';
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const [token, , , , tag, closing, name] = match;
    result += convertText(text.slice(last, match.index), open.at(-1) ?? '');
    result += token;
    if (tag !== undefined && name !== undefined) track(open, tag, closing === '/', name.toLowerCase());
    last = match.index + token.length;
  }
  result += convertText(text.slice(last), open.at(-1) ?? '');
  return result.trim();
}
