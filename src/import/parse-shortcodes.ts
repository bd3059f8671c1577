/**
 * WordPress shortcodes as its documentation describes them to authors: `[name]`, `[name key="value" key2='value'
 * key3=value positional]`, `[name /]`, `[name …]content[/name]`, and `[[name]]` for a shortcode written as text.
 * A scanner over the text, not one large pattern, so each rule can be read on its own.
 */
import { type ForwardSearch, forwardSearches } from './forward-search.js';

/** The attributes of one shortcode. */
interface ShortcodeAttrs {
  /** `key="value"`, `key='value'` or `key=value`; keys lower-cased, as WordPress passes them on. */
  named: Record<string, string>;
  /** Values written without a key (`[name first "second item"]`), in order. */
  numeric: string[];
}

/** One shortcode found in text. */
export interface Shortcode {
  /** As written, e.g. `gallery` or `contact-form-7`. */
  name: string;
  attrs: ShortcodeAttrs;
  /** What stands between `[name]` and `[/name]`; undefined when there is no closing tag. */
  content?: string;
  /** Written `[name /]`: it never takes content. */
  selfClosing: boolean;
}

interface Found {
  shortcode: Shortcode;
  /** Index just after the shortcode (after `[/name]` when it has content). */
  end: number;
}

/** Letters, digits, `-` and `_`: a name ends at the first other character, so `[gallery-x]` is not `[gallery]`. */
const NAME = /[\w-]+/y;
/** One attribute: an optional `key=`, then a double-, single- or unquoted value. */
const ATTRIBUTE = /\s*(?:([\w-]+)\s*=\s*)?(?:"([^"]*)"|'([^']*)'|(\S+))/y;

function parseAttrs(text: string): ShortcodeAttrs {
  const attrs: ShortcodeAttrs = { named: {}, numeric: [] };
  ATTRIBUTE.lastIndex = 0;
  for (let match = ATTRIBUTE.exec(text); match; match = ATTRIBUTE.exec(text)) {
    const [, key, doubleQuoted, singleQuoted, bare] = match;
    const value = doubleQuoted ?? singleQuoted ?? bare ?? '';
    if (key) attrs.named[key.toLowerCase()] = value;
    else attrs.numeric.push(value);
  }
  return attrs;
}

/**
 * The shortcode whose `[` is at `start`, when its name is wanted (any name starting with a letter when `wanted` is undefined).
 * `search` finds `]` and closing tags; callers move `start` forward only, so the whole scan stays linear.
 */
function readShortcode(text: string, start: number, wanted: ReadonlySet<string> | undefined, search: (literal: string) => ForwardSearch): Found | undefined {
  NAME.lastIndex = start + 1;
  const name = NAME.exec(text)?.[0];
  if (!name || (wanted ? !wanted.has(name) : !/^[a-z]/i.test(name))) return undefined;
  const close = search(']')(NAME.lastIndex)?.start;
  if (close === undefined) return undefined;
  let inside = text.slice(NAME.lastIndex, close);
  if (inside !== '' && !/^[\s/]/.test(inside)) return undefined;
  const selfClosing = inside.endsWith('/');
  if (selfClosing) inside = inside.slice(0, -1);
  const shortcode: Shortcode = { name, attrs: parseAttrs(inside), selfClosing };
  const closingTag = `[/${name}]`;
  const closing = selfClosing ? undefined : search(closingTag)(close + 1)?.start;
  if (closing === undefined) return { shortcode, end: close + 1 };
  shortcode.content = text.slice(close + 1, closing);
  return { shortcode, end: closing + closingTag.length };
}

/** `[[name]]` (or `[[name]…[/name]]`): the author wrote the shortcode as text. */
function isEscaped(text: string, start: number, end: number): boolean {
  return text[start - 1] === '[' && text[end] === ']';
}

/**
 * Replaces each shortcode named in `names` with what `render` returns for it; `undefined` keeps it as written.
 * Escaped ones (`[[name]]`) are kept as written: `unescapeShortcodes` turns them into text last.
 * The first `[/name]` after an opening tag closes it, so a shortcode cannot hold another of the same name.
 * @example replaceShortcodes('Hi [name first="Ann"]', ['name'], (code) => code.attrs.named.first) // 'Hi Ann'
 */
export function replaceShortcodes(text: string, names: readonly string[], render: (shortcode: Shortcode) => string | undefined): string {
  const wanted = new Set(names);
  const search = forwardSearches(text);
  let result = '';
  let copied = 0;
  for (let start = text.indexOf('['); start !== -1; ) {
    const found = readShortcode(text, start, wanted, search);
    if (!found) {
      start = text.indexOf('[', start + 1);
      continue;
    }
    const replacement = isEscaped(text, start, found.end) ? undefined : render(found.shortcode);
    if (replacement !== undefined) {
      result += text.slice(copied, start) + replacement;
      copied = found.end;
    }
    start = text.indexOf('[', found.end);
  }
  return result + text.slice(copied);
}

/** A closing tag written as text: `[[/caption]]`. */
const ESCAPED_CLOSING = /\[\[\/[a-z][\w-]*\]\]/iy;

/** Where the escaped shortcode whose `[[` is at `start` ends (after its last `]`), if there is one. */
function escapedEnd(text: string, start: number, search: (literal: string) => ForwardSearch): number | undefined {
  const found = readShortcode(text, start + 1, undefined, search);
  if (found && isEscaped(text, start + 1, found.end)) return found.end + 1;
  ESCAPED_CLOSING.lastIndex = start;
  return ESCAPED_CLOSING.test(text) ? ESCAPED_CLOSING.lastIndex : undefined;
}

/**
 * `[[gallery ids="1"]]` → `[gallery ids="1"]` and `[[ref]text[/ref]]` → `[ref]text[/ref]`: what WordPress shows for an escaped shortcode.
 * @example unescapeShortcodes('Write [[gallery]] to show one.') // 'Write [gallery] to show one.'
 */
export function unescapeShortcodes(text: string): string {
  const search = forwardSearches(text);
  let result = '';
  let copied = 0;
  for (let start = text.indexOf('[['); start !== -1; ) {
    const end = escapedEnd(text, start, search);
    if (end !== undefined) {
      result += text.slice(copied, start) + text.slice(start + 1, end - 1);
      copied = end;
      start = text.indexOf('[[', copied);
    } else {
      start = text.indexOf('[[', start + 1);
    }
  }
  return result + text.slice(copied);
}
