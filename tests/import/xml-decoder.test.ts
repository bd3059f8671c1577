// The export decoder fed in small pieces, as a stream is: characters split between chunks survive, and
// places that are not UTF-8 are found at the right line and column whichever chunk they fall in.
import { describe, expect, it } from 'vitest';
import { XmlDecoder } from '../../src/import/xml-decoder.js';

function decodeInPieces(bytes: Buffer, size: number): { text: string; decoder: XmlDecoder } {
  const decoder = new XmlDecoder();
  let text = '';
  for (let at = 0; at < bytes.length; at += size) text += decoder.decode(bytes.subarray(at, at + size));
  return { text: text + decoder.end(), decoder };
}

describe('XmlDecoder', () => {
  const good = '<?xml version="1.0" encoding="UTF-8"?>\n<p>Café £5, 🙂 and a real \ufffd sign.</p>\n';

  it.each([1, 2, 3, 5, 64])('keeps UTF-8 split into %i-byte pieces, and a real U+FFFD is not a fault', (size) => {
    const { text, decoder } = decodeInPieces(Buffer.from(good, 'utf8'), size);
    expect(text).toBe(good);
    expect(decoder.notUtf8).toBe(0);
    expect(decoder.places).toEqual([]);
  });

  it.each([1, 4, 7, 1000])('locates bytes that are not UTF-8 in %i-byte pieces', (size) => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0"?>\n<p>caf'), Buffer.from([0xe9]), Buffer.from(' ok</p>\n<p>£'), Buffer.from([0x80]), Buffer.from('x</p>')]);
    const { text, decoder } = decodeInPieces(bytes, size);
    expect(text).toBe('<?xml version="1.0"?>\n<p>caf\ufffd ok</p>\n<p>£\ufffdx</p>');
    expect(decoder.places).toEqual([
      { line: 2, column: 7 },
      { line: 3, column: 5 },
    ]);
    expect(decoder.notUtf8).toBe(2);
  });

  it('reads the encoding the declaration names, and a BOM over it', () => {
    expect(decodeInPieces(Buffer.from("<?xml version='1.0' encoding='iso-8859-1'?><p>caf\xe9</p>", 'latin1'), 3).text).toContain('café');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?xml version="1.0" encoding="UTF-16"?><p>café</p>', 'utf16le')]);
    expect(decodeInPieces(utf16, 5).text).toBe('<?xml version="1.0" encoding="UTF-16"?><p>café</p>');
  });
});
