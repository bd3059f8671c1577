/**
 * Reading a feed's text from a file or an http(s) address. Every failure is a located problem that
 * names the source, so `sectorpress import feed` can say what went wrong before anything is written.
 */
import { promises as fs } from 'node:fs';
import { errorProblem, type Problem } from '../shared/errors.js';

/** A feed larger than this is not a blog's feed; refusing it keeps memory bounded. */
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
export async function readFeedSource(source: string, options: { timeoutMs?: number } = {}): Promise<string> {
  const bytes = isFeedUrl(source) ? await fetchFeed(source, options.timeoutMs ?? DEFAULT_TIMEOUT_MS) : await readFeedFile(source);
  if (bytes.byteLength > MAX_FEED_BYTES) throw feedError(source, 'too-large', `The feed is larger than ${MAX_FEED_BYTES / 1024 / 1024} MB.`, 'Give the feed of one blog.');
  return decodeFeedBytes(bytes);
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

async function fetchFeed(url: string, timeoutMs: number): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow', headers: { accept: ACCEPT, 'user-agent': 'sectorpress-import' } });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const why = timedOut ? `The server did not answer within ${Math.round(timeoutMs / 1000)} s.` : `It could not be fetched (${causeOf(error)}).`;
    throw feedError(url, 'fetch-failed', why, 'Check the address in a browser; or save the feed to a file and import the file.');
  }
  if (!response.ok) {
    await response.body?.cancel();
    const hint =
      response.status === 404 ? 'Check the feed address: it is often /feed/, /rss, /atom.xml or /feed.json on the blog’s address.' : 'Try again later, or save the feed to a file and import the file.';
    throw feedError(url, 'fetch-failed', `The server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`, hint);
  }
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw feedError(url, 'fetch-failed', `The download broke off (${causeOf(error)}).`, 'Try again, or save the feed to a file and import the file.');
  }
}

function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
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
