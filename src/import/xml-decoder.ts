/**
 * An export's bytes as text, in the encoding it says it is in: a byte-order mark, else the
 * `encoding` of its `<?xml …?>` line, else UTF-8 (XML's default). Old WordPress sites wrote
 * ISO-8859-1 and windows-1252 exports; read as UTF-8 their “café” and “£” would be lost. Bytes
 * that are not UTF-8 in a file that says UTF-8 become “�” as before, but their places are noted
 * (line and column of the text), so the import can say where rather than lose them silently.
 */
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

/** An encoding the file asks for that this computer cannot decode, with where it is asked for. */
export class UnknownEncodingError extends Error {
  constructor(
    readonly encoding: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`unknown encoding ${encoding}`);
    this.name = 'UnknownEncodingError';
  }
}

/** A place where the bytes were not UTF-8 (1-based, in characters of the decoded text). */
export interface NotUtf8Place {
  readonly line: number;
  readonly column: number;
}

/** The first places are located; beyond them only counted (a whole mislabelled file has thousands). */
const PLACES_LOCATED = 5;
/** The declaration is at the very start; a little room for blank lines before it. */
const SNIFF_BYTES = 1024;
const DECLARED = /^(?:\ufeff)?\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._:-]*)\1/;
const REPLACEMENT = /\ufffd/g;
const LITERAL_REPLACEMENT = Buffer.from('\ufffd', 'utf8');

interface Declared {
  readonly label: string;
  readonly line: number;
  readonly column: number;
}

/** What the start of the file says: a BOM's encoding, or the declaration's, or nothing. */
function sniff(start: Buffer): Declared | undefined {
  if (start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf) return { label: 'utf-8', line: 1, column: 1 };
  if (start[0] === 0xff && start[1] === 0xfe) return { label: 'utf-16le', line: 1, column: 1 };
  if (start[0] === 0xfe && start[1] === 0xff) return { label: 'utf-16be', line: 1, column: 1 };
  // The declaration is ASCII in every encoding an export could be read in from here.
  const head = start.subarray(0, SNIFF_BYTES).toString('latin1');
  const match = DECLARED.exec(head);
  if (!match) return undefined;
  const at = head.indexOf('encoding', head.indexOf('<?xml'));
  const before = head.slice(0, at);
  const line = before.split('\n').length;
  const label = (match[2] ?? '').toLowerCase();
  // A declaration readable as ASCII cannot be UTF-16 (that needs a BOM here): the bytes are ASCII-based.
  return { label: label.startsWith('utf-16') ? 'utf-8' : label, line, column: at - before.lastIndexOf('\n') };
}

/** How many bytes at the end of `bytes` start a UTF-8 sequence the next chunk completes. */
function incompleteTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needs > back ? back : 0;
  }
  return 0;
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

function countBytes(bytes: Buffer, needle: Buffer): number {
  let found = 0;
  for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + needle.length)) found += 1;
  return found;
}

/** Decodes chunk by chunk; `places` and `notUtf8` say where bytes were not UTF-8 (UTF-8 files only). */
export class XmlDecoder {
  /** Located places of bytes that are not UTF-8, the first few. */
  readonly places: NotUtf8Place[] = [];
  /** Every run of bytes that is not UTF-8, located or not. */
  notUtf8 = 0;
  /** The encoding used, as TextDecoder names it (`windows-1252` for ISO-8859-1, as browsers read it). */
  encoding = 'utf-8';
  private other: TextDecoder | undefined;
  private started = false;
  private head: Buffer = Buffer.alloc(0);
  private pending: Buffer = Buffer.alloc(0);
  private line = 1;
  private column = 1;
  private readonly lenient = new TextDecoder('utf-8', { ignoreBOM: true });

  /** The text of the next chunk; throws `UnknownEncodingError` on the first when the declared encoding is unknown. */
  decode(chunk: Buffer): string {
    if (!this.started) {
      // The declaration is read from the first kilobyte, however small the first chunks are.
      this.head = this.head.length > 0 ? Buffer.concat([this.head, chunk]) : chunk;
      if (this.head.length < SNIFF_BYTES) return '';
      return this.begin();
    }
    if (this.other) return this.other.decode(chunk, { stream: true });
    const bytes = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const tail = incompleteTail(bytes);
    const complete = bytes.subarray(0, bytes.length - tail);
    this.pending = Buffer.from(bytes.subarray(bytes.length - tail));
    return this.utf8(complete);
  }

  /** Whatever is left at the end of the file. */
  end(): string {
    const text = this.started ? '' : this.begin();
    if (this.other) return text + this.other.decode();
    const rest = this.utf8(this.pending);
    this.pending = Buffer.alloc(0);
    return text + rest;
  }

  /** Choose the encoding from the start of the file, then decode that start. */
  private begin(): string {
    const head = this.head;
    this.head = Buffer.alloc(0);
    this.start(head);
    return this.decode(head);
  }

  private start(chunk: Buffer): void {
    this.started = true;
    const declared = sniff(chunk);
    if (!declared) return;
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(declared.label, { ignoreBOM: declared.label === 'utf-8' });
    } catch {
      throw new UnknownEncodingError(declared.label, declared.line, declared.column);
    }
    this.encoding = decoder.encoding;
    if (decoder.encoding !== 'utf-8') this.other = decoder;
  }

  private utf8(bytes: Buffer): string {
    const text = this.lenient.decode(bytes);
    if (text.includes('\ufffd') && !isUtf8(bytes)) {
      this.notUtf8 += count(text, REPLACEMENT) - countBytes(bytes, LITERAL_REPLACEMENT);
      this.locate(bytes);
    }
    this.advance(text);
    return text;
  }

  /** Where in `bytes` (text starting at the current line and column) the first bad sequences begin. */
  private locate(bytes: Buffer): void {
    let from = 0;
    while (this.places.length < PLACES_LOCATED && from < bytes.length) {
      const bad = this.firstBad(bytes, from);
      if (bad === undefined) return;
      const before = this.lenient.decode(bytes.subarray(0, bad));
      const newline = before.lastIndexOf('\n');
      this.places.push({ line: this.line + count(before, /\n/g), column: newline < 0 ? this.column + before.length : before.length - newline });
      from = bad + 1;
      while (from < bytes.length && ((bytes[from] ?? 0) & 0xc0) === 0x80) from += 1;
    }
  }

  /** The offset of the first sequence at or after `from` that is not UTF-8 (a binary search on prefixes). */
  private firstBad(bytes: Buffer, from: number): number | undefined {
    // Streaming, so a sequence cut off at the end of a prefix is not (yet) an error.
    const decodes = (end: number): boolean => {
      try {
        new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(from, end), { stream: true });
        return true;
      } catch {
        return false;
      }
    };
    if (isUtf8(bytes.subarray(from))) return undefined;
    // The shortest prefix that fails: the bad sequence ends inside it and starts at most 3 bytes earlier.
    let low = from;
    let high = bytes.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (decodes(middle + 1)) low = middle + 1;
      else high = middle;
    }
    for (let start = Math.min(low, bytes.length); start >= Math.max(from, low - 3); start -= 1) if (isUtf8(bytes.subarray(from, start))) return start;
    return low;
  }

  private advance(text: string): void {
    const lines = count(text, /\n/g);
    const newline = text.lastIndexOf('\n');
    this.line += lines;
    this.column = newline < 0 ? this.column + text.length : text.length - newline;
  }
}
