/**
 * Reading a feed's text from a file or an http(s) address. Every failure is a located problem that
 * names the source, so `sectorpress import feed` can say what went wrong before anything is written.
 */
import { promises as fs } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { errorProblem, type Problem } from '../shared/errors.js';
import { type AddressPolicy, addressPolicy, RefusedAddress } from './address-policy.js';
import { httpGet } from './http-get.js';

/** A feed larger than this (decoded) is not a blog's feed; refusing it keeps memory bounded. */
const MAX_FEED_BYTES = 200 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;
const ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/** Why a source cannot be imported; `importFeed` turns it into its error problem. */
export class FeedSourceError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.message);
    this.name = 'FeedSourceError';
    this.problem = problem;
  }
}

/** A located problem naming the source (path or address). */
export function feedError(source: string, code: string, message: string, hint: string): FeedSourceError {
  return new FeedSourceError(errorProblem({ code: `import/${code}`, message, hint, file: source }));
}

export function isFeedUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/**
 * The feed's text. XML feeds in another encoding (`<?xml … encoding="ISO-8859-1"?>`) are decoded
 * with it; anything else is read as UTF-8 (a BOM is dropped).
 */
export interface FeedSourceOptions {
  /** For the whole fetch, body included (default 30 s). */
  timeoutMs?: number;
  /** Largest feed taken, counted after decompression (default `MAX_FEED_BYTES`). */
  maxBytes?: number;
  /** Which addresses redirects may lead to (the address given is fetched whatever it is: the user named it). */
  policy?: Partial<AddressPolicy>;
}

export async function readFeedSource(source: string, options: FeedSourceOptions = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_FEED_BYTES;
  const bytes = isFeedUrl(source) ? await fetchFeed(source, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxBytes, addressPolicy(options.policy)) : await readFeedFile(source);
  if (bytes.byteLength > maxBytes) throw tooLarge(source, maxBytes);
  return decodeFeedBytes(bytes);
}

function tooLarge(source: string, maxBytes: number, said?: number): FeedSourceError {
  const size = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  const why = said === undefined ? `The feed is larger than ${size(maxBytes)}.` : `The server says the feed is ${size(said)}, more than the ${size(maxBytes)} a feed may be.`;
  return feedError(source, 'too-large', why, 'Give the feed of one blog.');
}

async function readFeedFile(file: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'There is no such file.' : code === 'EISDIR' ? 'It is a folder, not a file.' : `It cannot be read (${code ?? 'unknown error'}).`;
    throw feedError(file, 'unreadable', why, 'Give the path of a saved feed file, or the feed’s http(s) address.');
  }
}

async function fetchFeed(url: string, timeoutMs: number, maxBytes: number, policy: AddressPolicy): Promise<Uint8Array> {
  const signal = AbortSignal.timeout(timeoutMs);
  const timedOut = (): FeedSourceError =>
    feedError(url, 'fetch-failed', `The server did not answer within ${Math.round(timeoutMs / 1000)} s.`, 'Check the address in a browser; or save the feed to a file and import the file.');
  let response: IncomingMessage;
  try {
    const headers = { accept: ACCEPT, 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'sectorpress-import' };
    ({ response } = await httpGet(url, { policy, signal, headers, trustedHost: new URL(url).hostname }));
  } catch (error) {
    if (signal.aborted) throw timedOut();
    if (error instanceof RefusedAddress)
      throw feedError(url, 'fetch-refused', `It redirects where an import may not go: ${error.message}.`, 'Give the feed’s own address, or save the feed to a file and import the file.');
    throw feedError(url, 'fetch-failed', `It could not be fetched (${causeOf(error)}).`, 'Check the address in a browser; or save the feed to a file and import the file.');
  }
  const status = response.statusCode ?? 0;
  if (status < 200 || status > 299) {
    response.destroy();
    const hint =
      status === 404 ? 'Check the feed address: it is often /feed/, /rss, /atom.xml or /feed.json on the blog’s address.' : 'Try again later, or save the feed to a file and import the file.';
    throw feedError(url, 'fetch-failed', `The server answered HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}.`, hint);
  }
  const said = Number(response.headers['content-length']);
  if (said > maxBytes) {
    response.destroy();
    throw tooLarge(url, maxBytes, said);
  }
  try {
    return await readDecoded(response, maxBytes);
  } catch (error) {
    response.destroy();
    if (error instanceof FeedSourceError) throw error;
    if (error instanceof TooLarge) throw tooLarge(url, maxBytes);
    if (signal.aborted) throw timedOut();
    throw feedError(url, 'fetch-failed', `The download broke off (${causeOf(error)}).`, 'Try again, or save the feed to a file and import the file.');
  }
}

class TooLarge extends Error {}

/** The body's bytes after `Content-Encoding`, stopping as soon as they pass `maxBytes` (a small gzip can unpack to gigabytes). */
async function readDecoded(response: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const encoding = String(response.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  const decoders: Record<string, () => Transform> = { gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate, br: createBrotliDecompress };
  const decoder: (() => Transform) | undefined = decoders[encoding];
  if (!decoder && encoding !== 'identity' && encoding !== '') throw new Error(`unknown content encoding ${encoding}`);
  const body: Readable = decoder ? response.pipe(decoder()) : response;
  // `pipe` does not pass the source's errors on: a connection cut mid-body must end the read.
  if (body !== response) response.on('error', (error) => body.destroy(error));
  const chunks: Buffer[] = [];
  let had = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      had += chunk.length;
      if (had > maxBytes) throw new TooLarge();
      chunks.push(chunk);
    }
  } finally {
    body.destroy();
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const own = (error as NodeJS.ErrnoException).code;
  if (own) return own;
  const cause = error.cause;
  if (cause instanceof Error) return (cause as NodeJS.ErrnoException).code ?? cause.message;
  return error.message;
}

/** UTF-8 unless the XML declaration names another encoding Node can decode. */
function decodeFeedBytes(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^(?:\ufeff|\xef\xbb\xbf)?\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  let label = 'utf-8';
  if (declared && !/^utf-?8$/i.test(declared)) {
    try {
      label = new TextDecoder(declared).encoding;
    } catch {
      label = 'utf-8';
    }
  }
  // The parser reads the declaration again; once decoded, the text is no longer in that encoding.
  return new TextDecoder(label).decode(bytes);
}
