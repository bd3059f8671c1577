/**
 * The one URL-path safety rule. Front-matter values (`slug`, `permalink`), the URLs the
 * model makes (posts, pages, tags), the output check before writing and the dev server's
 * request paths all ask this module, so a path one of them accepts the others accept too.
 *
 * Refused: a scheme or `//`, NUL and other control characters, backslashes, encoded
 * separators (`%2F`, `%5C`, `%00`), `.` and `..` segments, empty segments, segments that
 * start with a dot (`/.htaccess`, `/.git/config`) and segments longer than 255 bytes (no
 * file system takes a longer name). Warned about: names Windows cannot hold (`CON`,
 * `nul.txt`, `a?b`, a trailing dot), since the site then cannot be checked out or copied there.
 */

/** Why a path is refused (`error`, phrased to follow "it …"), and what to warn about. */
export interface UrlPathVerdict {
  readonly error?: string;
  readonly warnings: readonly string[];
}

export interface UrlPathRules {
  /**
   * Allow segments that start with a dot. Only files the user put in `static/` (such as
   * `.well-known/security.txt` or `.htaccess`) may have them; nothing the build names does.
   */
  readonly dotSegments?: boolean;
}

/** The longest file or folder name Linux, macOS and Windows file systems accept, in bytes. */
const MAX_SEGMENT_BYTES = 255;

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(\..*)?$/i;
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Percent-decoded form, or the text as written when it is not valid percent-encoding. */
function decodePercent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function isDecodable(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** Problems of one segment (already decoded). */
function segmentError(segment: string, rules: UrlPathRules): string | undefined {
  if (segment === '.' || segment === '..') return 'contains `..` (or `.`) as a path segment';
  if (segment.startsWith('.') && !rules.dotSegments) return `names a dotfile or dot-folder (${JSON.stringify(segment)}), which servers hide or treat as configuration`;
  const bytes = Buffer.byteLength(segment, 'utf8');
  if (bytes > MAX_SEGMENT_BYTES) return `has a segment of ${bytes} bytes (${JSON.stringify(`${segment.slice(0, 24)}…`)}); file names hold at most ${MAX_SEGMENT_BYTES}`;
  return undefined;
}

function segmentWarning(segment: string): string | undefined {
  if (WINDOWS_RESERVED.test(segment)) return `"${segment}" is a reserved device name on Windows`;
  if (WINDOWS_FORBIDDEN.test(segment)) return `"${segment}" contains a character Windows does not allow in file names (< > : " | ? *)`;
  if (/[. ]$/.test(segment)) return `"${segment}" ends with a dot or space, which Windows drops`;
  return undefined;
}

/** Errors shared by every form: characters that must never reach a file name. */
function characterError(forms: readonly string[]): string | undefined {
  for (const form of forms) {
    if (form.includes('\0')) return 'contains a NUL character';
    if (CONTROL.test(form)) return 'contains a control character';
    if (form.includes('\\')) return 'contains a backslash';
  }
  return undefined;
}

/** Check decoded segments: the first error wins, every warning is kept. */
function checkSegments(segments: readonly string[], rules: UrlPathRules): UrlPathVerdict {
  const warnings = new Set<string>();
  for (const segment of segments) {
    if (segment === '') return { error: 'has an empty segment (`//`)', warnings: [] };
    const error = segmentError(segment, rules);
    if (error) return { error, warnings: [] };
    const warning = segmentWarning(segment);
    if (warning) warnings.add(warning);
  }
  return { warnings: [...warnings] };
}

/**
 * Check a root-relative URL path as it appears in a link (percent-encoded or not).
 *
 * @example
 * checkUrlPath('/news/our-plan/'); // { warnings: [] }
 * checkUrlPath('/.git/config').error; // 'names a dotfile or dot-folder (".git"), …'
 * checkUrlPath('/con/').warnings; // ['"con" is a reserved device name on Windows']
 */
export function checkUrlPath(url: string, rules: UrlPathRules = {}): UrlPathVerdict {
  if (url.trim() === '' || url === '/') return url === '/' ? { warnings: [] } : { error: 'is empty', warnings: [] };
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return { error: 'is a full URL with a scheme (absolute), not a path on this site', warnings: [] };
  if (url.startsWith('//')) return { error: 'is a protocol-relative (absolute) URL, not a path on this site', warnings: [] };
  if (!isDecodable(url)) return { error: 'contains a malformed %-escape', warnings: [] };
  const once = decodePercent(url);
  const twice = decodePercent(once);
  const characters = characterError([url, once, twice]);
  if (characters) return { error: characters, warnings: [] };
  if (/%(2f|5c|00)/i.test(url) || /%(2f|5c|00)/i.test(once)) return { error: 'contains a percent-encoded `/`, `\\` or NUL', warnings: [] };
  const inner = once.replace(/^\//, '').replace(/\/$/, '');
  // `/c:/…` would be written to the output folder as `c:/…`, a drive on Windows.
  if (/^[a-z]:/i.test(inner)) return { error: 'starts with a drive letter (`c:`), which Windows reads as another disk', warnings: [] };
  const verdict = checkSegments(inner.split('/'), rules);
  if (verdict.error) return verdict;
  // `%2e%2e` decodes to `..` only on a second decode; servers that decode twice must not see it either.
  const again = checkSegments(twice.replace(/^\//, '').replace(/\/$/, '').split('/'), rules);
  return again.error ? again : verdict;
}

/**
 * Check one URL segment (a `slug`): the path rule, plus no `/`.
 *
 * @example
 * checkUrlSegment('our-plan'); // { warnings: [] }
 * checkUrlSegment('a/b').error; // 'contains `/`'
 */
export function checkUrlSegment(segment: string, rules: UrlPathRules = {}): UrlPathVerdict {
  if (segment.trim() === '') return { error: 'is empty', warnings: [] };
  const verdict = checkUrlPath(`/${segment}/`, rules);
  return verdict.error || !segment.includes('/') ? verdict : { error: 'contains `/`', warnings: [] };
}

/**
 * Check an output path: relative to the output folder, posix, already decoded
 * (`tag/café/index.html`). Nothing is percent-decoded here: these are file names.
 *
 * @example
 * checkOutputPath('tag/ofsted/index.html'); // { warnings: [] }
 * checkOutputPath('../x').error; // 'contains `..` (or `.`) as a path segment'
 */
export function checkOutputPath(file: string, rules: UrlPathRules = {}): UrlPathVerdict {
  if (file === '' || file.startsWith('/') || /^[a-z]:/i.test(file)) return { error: 'is absolute', warnings: [] };
  const characters = characterError([file]);
  if (characters) return { error: characters, warnings: [] };
  return checkSegments(file.split('/'), rules);
}

/**
 * Percent-encode what a URL path may not hold as written (spaces, quotes, non-ASCII…),
 * leaving valid `%XX` escapes and the characters RFC 3986 allows in a path alone.
 *
 * @example
 * encodeUrlPath('/news/our café "plan"/'); // '/news/our%20caf%C3%A9%20%22plan%22/'
 */
export function encodeUrlPath(url: string): string {
  const wellFormed = url.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return wellFormed.replace(/%[0-9a-f]{2}|[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/giu, (match) => (match.length === 3 && match.startsWith('%') ? match : encodeURIComponent(match)));
}

/**
 * Why a written `permalink` is unsafe, or `undefined` when it is a plain site path.
 *
 * @example
 * permalinkDanger('/news/special/'); // undefined
 * permalinkDanger('/../../etc/'); // 'contains `..` (or `.`) as a path segment'
 */
export function permalinkDanger(permalink: string): string | undefined {
  if (permalink.trim() === '') return 'is empty';
  if (/^[a-z][a-z0-9+.-]*:/i.test(permalink.trim()) || permalink.trim().startsWith('//')) return checkUrlPath(permalink.trim()).error;
  return checkUrlPath(encodeUrlPath(normalisePermalink(permalink))).error;
}

/**
 * Why a written `slug` is unsafe (a slug is one URL segment), or `undefined`.
 *
 * @example
 * slugDanger('our-plan'); // undefined
 * slugDanger('a/b'); // 'contains `/`'
 */
export function slugDanger(slug: string): string | undefined {
  return checkUrlSegment(encodeUrlPath(slug)).error;
}

/** `news/special` → `/news/special/`: permalinks are site paths with a leading slash. */
export function normalisePermalink(permalink: string): string {
  const trimmed = permalink.trim();
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/**
 * Whitespace, control and invisible format characters. None may stand in an address that is written into
 * server rules: `_redirects`, `.htaccess` and nginx split a rule on whitespace and end it at a line break, and
 * a URL parser drops tabs and newlines without a word, so a check through `new URL` never sees them.
 */
const UNSAFE_IN_ADDRESS = /[\s\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/** The code point of `character` as `U+000A`. */
const codePoint = (character: string): string => `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why an address as written may not go into server rules (phrased to follow "it …"), or `undefined`.
 * A space too: written as `%20` it means the same and cannot split a rule.
 *
 * @example
 * addressCharacterError('/a/'); // undefined
 * addressCharacterError('/a\n/* https://evil.example/ 200!'); // 'contains a line break (U+000A)'
 */
export function addressCharacterError(address: string): string | undefined {
  const found = UNSAFE_IN_ADDRESS.exec(address)?.[0];
  if (found === undefined) return undefined;
  if (/[\n\r\u2028\u2029\u0085\v\f]/u.test(found)) return `contains a line break (${codePoint(found)})`;
  if (found === ' ') return 'contains a space (U+0020)';
  if (/\s/u.test(found)) return `contains whitespace (${codePoint(found)})`;
  return `contains an invisible or control character (${codePoint(found)})`;
}

/**
 * `address` with each character `addressCharacterError` refuses replaced by `escapeByte` of each of its UTF-8 bytes
 * (percent-encoding by default): the last guard before an address is written into a rules file.
 *
 * @example
 * escapeAddressCharacters('/a\n/'); // '/a%0A/'
 * escapeAddressCharacters('/a b/', (hex) => `\\x${hex}`); // '/a\\x20b/'
 */
export function escapeAddressCharacters(address: string, escapeByte: (hex: string) => string = (hex) => `%${hex}`): string {
  return address.replace(new RegExp(UNSAFE_IN_ADDRESS.source, 'gu'), (character) =>
    [...Buffer.from(character, 'utf8')].map((byte) => escapeByte(byte.toString(16).toUpperCase().padStart(2, '0'))).join(''),
  );
}

/**
 * `address` quoted for a message, each refused character shown as its escape (`\n`, `\u2028`), so an
 * error names what is there without the character itself breaking the line or hiding.
 *
 * @example
 * quoteAddress('/a\u200e/'); // '"/a\\u200e/"'
 */
export function quoteAddress(address: string): string {
  return JSON.stringify(address).replace(new RegExp(UNSAFE_IN_ADDRESS.source, 'gu'), (character) => (character === ' ' ? ' ' : `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`));
}
