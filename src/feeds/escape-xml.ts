/** Text for XML 1.0: characters XML cannot carry are dropped, markup characters escaped. */

/** C0 controls except tab, LF and CR, lone surrogates, U+FFFE/U+FFFF — none can appear in XML 1.0. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

/**
 * Drop what no XML 1.0 document (and no UTF-8 file) can carry.
 *
 * @example
 * stripInvalidXmlChars('bell\u0007 ok 😀'); // 'bell ok 😀'
 */
export function stripInvalidXmlChars(text: string): string {
  // Nearly all text is clean; the full pattern (with its surrogate look-arounds) is slow on long post bodies.
  if (!SUSPECT.test(text)) return text;
  return text.replace(NOT_XML, '');
}

const TEXT_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// Attribute-value normalisation turns a literal tab, CR or LF into a space, so those go as references.
const ATTRIBUTE_ENTITIES: Readonly<Record<string, string>> = { ...TEXT_ENTITIES, '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/**
 * Escape for element text. Line ends are left as they are: a parser reads CRLF and CR as LF,
 * which is what the text meant.
 *
 * @example
 * escapeXml('a ]]> <b> & "c"'); // 'a ]]&gt; &lt;b&gt; &amp; &quot;c&quot;'
 */
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"']/g, (char) => TEXT_ENTITIES[char] ?? char);
}

/**
 * Escape for a double-quoted attribute value so it parses back unchanged (attribute-value
 * normalisation would otherwise turn tabs and newlines into spaces).
 *
 * @example
 * `<category label="${escapeXmlAttribute('a\nb')}"/>`; // '<category label="a&#10;b"/>'
 */
export function escapeXmlAttribute(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"'\t\n\r]/g, (char) => ATTRIBUTE_ENTITIES[char] ?? char);
}

/**
 * `<name attr="…">text</name>`, or nothing when the text is undefined.
 *
 * @example
 * element('title', 'A & B', { type: 'text' }); // '<title type="text">A &amp; B</title>'
 */
export function element(name: string, text: string | undefined, attributes: Readonly<Record<string, string>> = {}): string {
  if (text === undefined) return '';
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXmlAttribute(value)}"`)
    .join('');
  return `<${name}${attrs}>${escapeXml(text)}</${name}>`;
}

// `&apos;` is XML's and HTML5's but not HTML 4's, which some feed readers still parse with.
const HTML_ENTITIES: Readonly<Record<string, string>> = { ...TEXT_ENTITIES, "'": '&#39;' };

/**
 * Plain text as HTML, for fields a feed reader renders as HTML (RSS `description`), so markup
 * written in a summary is shown literally rather than run.
 *
 * @example
 * textToHtml('<script>'); // '&lt;script&gt;'
 */
export function textToHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] ?? char);
}
