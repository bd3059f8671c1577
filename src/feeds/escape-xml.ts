/** Text for XML 1.0: characters XML cannot carry are dropped, markup characters escaped. */

/** C0 controls except tab, LF and CR, lone surrogates, U+FFFE/U+FFFF — none can appear in XML 1.0. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripInvalidXmlChars(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Escape for element text and double-quoted attributes alike. */
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** `<name attr="…">text</name>`, or nothing when the text is undefined. */
export function element(name: string, text: string | undefined, attributes: Readonly<Record<string, string>> = {}): string {
  if (text === undefined) return '';
  const attrs = Object.entries(attributes).map(([key, value]) => ` ${key}="${escapeXml(value)}"`).join('');
  return `<${name}${attrs}>${escapeXml(text)}</${name}>`;
}
