/** Text for XML 1.0: characters XML cannot carry are dropped, markup characters escaped. */

/** C0 controls except tab, LF and CR, lone surrogates, U+FFFE/U+FFFF — none can appear in XML 1.0. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

export function stripInvalidXmlChars(text: string): string {
  // Nearly all text is clean; the full pattern (with its surrogate look-arounds) is slow on long post bodies.
  if (!SUSPECT.test(text)) return text;
  return text.replace(NOT_XML, '');
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escape for element text and double-quoted attributes alike. */
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** `<name attr="…">text</name>`, or nothing when the text is undefined. */
export function element(name: string, text: string | undefined, attributes: Readonly<Record<string, string>> = {}): string {
  if (text === undefined) return '';
  const attrs = Object.entries(attributes).map(([key, value]) => ` ${key}="${escapeXml(value)}"`).join('');
  return `<${name}${attrs}>${escapeXml(text)}</${name}>`;
}
