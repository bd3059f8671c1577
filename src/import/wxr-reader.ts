/**
 * Streaming WordPress export (WXR) reader. The file is read chunk by chunk through saxes; only one
 * channel-level record (an `<item>`, `<wp:author>`, `<wp:category>`, `<wp:tag>` or `<wp:term>`) is held
 * at a time, so a 200 MB export is read in bounded memory.
 */
import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { type NotUtf8Place, UnknownEncodingError, XmlDecoder } from './xml-decoder.js';

/** One element of a record, with namespaces written as canonical prefixes (`wp:post_id`, `content:encoded`). */
export interface WxrNode {
  readonly name: string;
  readonly attributes: Record<string, string>;
  text: string;
  readonly children: WxrNode[];
  /** 1-based line where the element starts. */
  readonly line: number;
}

/** The channel's own fields (`title`, `link`, `wp:base_site_url`, …), by canonical name. */
export type WxrChannelFields = Record<string, string>;

/** Why an export cannot be read, with where. */
export class WxrReadError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly line: number,
    readonly column: number,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'WxrReadError';
  }
}

const RECORDS = new Set(['item', 'wp:author', 'wp:category', 'wp:tag', 'wp:term']);

/** Real exports declare `wp:` as `http://` and as `https://wordpress.org/export/1.x/`; both are WXR. */
function canonicalPrefix(uri: string): string | undefined {
  if (uri === '') return '';
  if (/^https?:\/\/wordpress\.org\/export\/1\.\d+\/excerpt\/?$/.test(uri)) return 'excerpt';
  if (/^https?:\/\/wordpress\.org\/export\/1\.\d+\/?$/.test(uri)) return 'wp';
  if (/^https?:\/\/purl\.org\/rss\/1\.0\/modules\/content\/?$/.test(uri)) return 'content';
  if (/^https?:\/\/purl\.org\/dc\/elements\/1\.1\/?$/.test(uri)) return 'dc';
  return undefined;
}

function canonicalName(tag: SaxesTagNS): string {
  const prefix = canonicalPrefix(tag.uri) ?? tag.prefix;
  return prefix ? `${prefix}:${tag.local}` : tag.local;
}

interface ReadState {
  depth: string[];
  stack: WxrNode[];
  channel: WxrChannelFields;
  sawWp: boolean;
  ready: WxrNode[];
}

function openTag(state: ReadState, tag: SaxesTagNS, line: number): void {
  const name = canonicalName(tag);
  if (state.depth.length === 0 && name !== 'rss')
    throw new WxrReadError(`The file is XML but not a WordPress export: its root element is <${tag.name}>, not <rss>.`, 'import/not-wxr', line, 1, notWxrHint);
  if (name.startsWith('wp:')) state.sawWp = true;
  state.depth.push(name);
  const inChannel = state.depth.length >= 3 && state.depth[1] === 'channel';
  if (state.stack.length === 0 && !(state.depth.length === 3 && inChannel && (RECORDS.has(name) || !name.includes(':') || name.startsWith('wp:')))) return;
  const attributes: Record<string, string> = {};
  for (const [key, attribute] of Object.entries(tag.attributes)) attributes[attribute.local || key] = attribute.value;
  const node: WxrNode = { name, attributes, text: '', children: [], line };
  state.stack.at(-1)?.children.push(node);
  state.stack.push(node);
}

function closeTag(state: ReadState): void {
  const name = state.depth.pop();
  if (state.stack.length === 0) return;
  const node = state.stack.pop();
  if (!node || state.stack.length > 0) return;
  if (name && RECORDS.has(name)) state.ready.push(node);
  else if (name && node.children.length === 0) state.channel[name] = node.text.trim();
}

/**
 * Two faults of real exports that strict XML refuses but lose nothing: blank lines before `<?xml` (printed
 * by a theme or plugin) and control characters pasted into posts (XML 1.0 forbids them). Both go.
 */
function cleanChunk(chunk: string, first: boolean): string {
  const cleaned = chunk.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');
  return first ? cleaned.replace(/^\ufeff?\s+(?=<)/, '') : cleaned;
}

const notWxrHint = 'Export the site again from WordPress: Tools → Export → All content (WordPress.com: Tools → Export → Export all), and give that .xml file.';

/** Told, once the file is read, where bytes were not UTF-8 in a file that says it is (`count` places in all). */
export type NotUtf8Listener = (places: readonly NotUtf8Place[], count: number) => void;

function encodingError(error: UnknownEncodingError): WxrReadError {
  return new WxrReadError(
    `The export says its encoding is “${error.encoding}”, which sectorpress cannot read.`,
    'import/encoding',
    error.line,
    error.column,
    `Convert the file to UTF-8 (for example \`iconv -f ${error.encoding} -t UTF-8 export.xml > export-utf8.xml\`), change encoding="${error.encoding}" to encoding="UTF-8" in its first line, and import that file.`,
  );
}

/** The file's text, chunk by chunk, in the encoding its BOM or `<?xml … encoding=…?>` names. */
async function* decodedChunks(file: string, decoder: XmlDecoder): AsyncGenerator<string> {
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) yield decoder.decode(chunk as Buffer);
    yield decoder.end();
  } catch (error) {
    throw error instanceof UnknownEncodingError ? encodingError(error) : error;
  }
}

/**
 * Read `file`, calling `visit` for each channel-level record in file order (awaited, so the caller may write
 * as it goes). Resolves to the channel's own fields; rejects with a `WxrReadError` when the file is not
 * well-formed XML (truncated, HTML, empty), not a WordPress export, or in an encoding that cannot be read.
 */
export async function readWxr(file: string, visit: (node: WxrNode) => void | Promise<void>, notUtf8?: NotUtf8Listener): Promise<WxrChannelFields> {
  const state: ReadState = { depth: [], stack: [], channel: {}, sawWp: false, ready: [] };
  const parser = new SaxesParser({ xmlns: true, position: true });
  let failure: WxrReadError | undefined;
  const fail = (message: string, code: string, hint: string): void => {
    failure ??= new WxrReadError(message, code, parser.line, parser.column + 1, hint);
  };
  parser.on('error', (error) => fail(`The export is not well-formed XML: ${error.message.replace(/^(.*?:)?\d+:\d+: /, '')}`, 'import/not-xml', xmlHint));
  parser.on('opentag', (tag) => {
    try {
      openTag(state, tag, parser.line);
    } catch (error) {
      if (error instanceof WxrReadError) failure ??= error;
      else throw error;
    }
  });
  parser.on('closetag', () => closeTag(state));
  const addText = (text: string): void => {
    const node = state.stack.at(-1);
    if (node) node.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  let first = true;
  const decoder = new XmlDecoder();
  for await (const chunk of decodedChunks(file, decoder)) {
    if (chunk === '') continue;
    parser.write(cleanChunk(chunk, first));
    first = false;
    if (failure) throw failure;
    for (const node of state.ready.splice(0)) await visit(node);
  }
  parser.close();
  if (failure) throw failure;
  if (decoder.notUtf8 > 0) notUtf8?.(decoder.places, decoder.notUtf8);
  for (const node of state.ready.splice(0)) await visit(node);
  if (!state.sawWp && !state.channel['wp:wxr_version'])
    throw new WxrReadError('The file is an RSS feed, not a WordPress export: it has no wp: elements.', 'import/not-wxr', 1, 1, `${notWxrHint} To import a feed, use \`sectorpress import feed\`.`);
  return state.channel;
}

const xmlHint = 'The export is cut short or damaged: download it again (Tools → Export), and check the file ends with </rss>.';
