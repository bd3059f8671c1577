// The XML escapers, fuzzed: escape arbitrary text, parse it back with a real XML parser, and
// get exactly the original (less the characters XML 1.0 cannot carry).
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { element, escapeXml, escapeXmlAttribute, stripInvalidXmlChars, textToHtml } from '../../src/feeds/escape-xml.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true,
  alwaysCreateTextNode: true,
});
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(']]>', '</script>', '"><img src=x onerror=alert(1)>', '&amp;', '\u0000\u0007\u001b', '\uD800x', 'x\uDFFF', 'a\r\nb\rc\td', '🏳️‍🌈 𝄞'),
);
/** What XML 1.0 allows, as a reference implementation written out character by character. */
const allowedInXml = (value: string): string =>
  [...value]
    .filter((char) => {
      const code = char.codePointAt(0) ?? 0;
      return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || code >= 0x10000;
    })
    .join('');

function roundTrip(value: string): { text: string; attribute: string } {
  const xml = `<t a="${escapeXmlAttribute(value)}">${escapeXml(value)}</t>`;
  expect(XMLValidator.validate(xml)).toBe(true);
  const node = (parser.parse(xml) as { t: { '#text'?: string; '@a'?: string } }).t;
  return { text: node['#text'] ?? '', attribute: node['@a'] ?? '' };
}

describe('escapeXml and escapeXmlAttribute', () => {
  it('round-trip any string: attributes exactly, text with line ends read as LF', () => {
    fc.assert(
      fc.property(text, (value) => {
        const back = roundTrip(value);
        expect(back.text).toBe(allowedInXml(value).replace(/\r\n?/g, '\n'));
        expect(back.attribute).toBe(allowedInXml(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the hostile strings as text', () => {
    for (const value of ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', ']]>', '</script>', 'emoji 😀 and 𝄞']) {
      expect(roundTrip(value)).toEqual({ text: value, attribute: value });
      expect(escapeXml(value)).not.toMatch(/[<>"]/);
    }
  });

  it('drops C0 controls and lone surrogates but keeps astral characters', () => {
    expect(stripInvalidXmlChars('a\u0000b\u0007c\u001bd\tе\n')).toBe('abcd\tе\n');
    expect(stripInvalidXmlChars('x\uD83D y 😀 \uDE00z')).toBe('x y 😀 z');
    expect(stripInvalidXmlChars('\uFFFE\uFFFF')).toBe('');
  });

  it('element() leaves out undefined values and escapes names in attributes', () => {
    expect(element('x', undefined)).toBe('');
    expect(element('title', 'A & B', { type: 'te"xt' })).toBe('<title type="te&quot;xt">A &amp; B</title>');
  });
});

describe('textToHtml', () => {
  it('leaves no markup characters and decodes back to the original', () => {
    fc.assert(
      fc.property(text, (value) => {
        const html = textToHtml(value);
        expect(html).not.toMatch(/[<>"']/);
        const decoded = html.replace(/&(lt|gt|quot|#39|amp);/g, (_match, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name] ?? '');
        expect(decoded).toBe(value);
      }),
      { numRuns: 1000 },
    );
  });
});
