/**
 * One file over HTTP, the careful way: a timeout per attempt, retries with backoff for server and network
 * errors only, and resumption from a `.part` file (a `Range` request) so an interrupted import picks up where
 * it stopped. The file appears under its own name only once complete.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DownloadOptions {
  timeoutMs: number;
  retries: number;
  /** First backoff; each retry waits twice as long as the one before. */
  retryDelayMs: number;
}

/** Had, or not with why (`404 Not Found`, `timed out`). */
export type Outcome = { ok: true } | { ok: false; reason: string };

/** Transient: worth asking again. */
class RetryableError extends Error {}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch {
    return undefined;
  }
}

/** The full size the server says the file has (`Content-Range: bytes 100-199/200`, or `Content-Length` for a whole body). */
function expectedSize(response: Response, resumedFrom: number): number | undefined {
  // A compressed body is decoded on the way in, so its length says nothing about the file's.
  const encoding = response.headers.get('content-encoding');
  if (encoding && encoding !== 'identity') return undefined;
  const range = /\/(\d+)\s*$/.exec(response.headers.get('content-range') ?? '');
  if (range?.[1]) return Number(range[1]);
  const length = response.headers.get('content-length');
  return length === null ? undefined : Number(length) + resumedFrom;
}

/** Whether the server answered with the part asked for: a 206 must start where the `.part` file ends. */
function resumesAt(response: Response, partSize: number): boolean {
  const start = /^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '')?.[1];
  return response.status !== 206 || Number(start) === partSize;
}

/** A refusal as an outcome, a transient failure thrown (retried), or undefined when the body is the file. */
async function refusal(response: Response, url: string, part: string, partSize: number): Promise<Outcome | undefined> {
  if ((response.status === 416 && partSize > 0) || !resumesAt(response, partSize)) {
    // The part no longer matches the file on the server: start again.
    await response.body?.cancel();
    await rm(part, { force: true });
    throw new RetryableError(`${response.status} ${response.statusText}`.trim());
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    const reason = `${response.status} ${response.statusText}`.trim();
    if (response.status >= 500 || response.status === 408 || response.status === 429) throw new RetryableError(reason);
    return { ok: false, reason };
  }
  if (/^text\/html\b/i.test(response.headers.get('content-type') ?? '') && !/\.html?$/i.test(new URL(url).pathname)) {
    // A login or error page sent with 200 (some hosts and CDNs do): not the file, and asking again will not help.
    await response.body.cancel();
    return { ok: false, reason: 'the server sent a web page, not the file' };
  }
  return undefined;
}

async function attempt(url: string, target: string, part: string, timeoutMs: number): Promise<Outcome> {
  const partSize = (await sizeOf(part)) ?? 0;
  // Identity encoding: the file's bytes as stored, so sizes can be checked and a part resumed.
  const headers: Record<string, string> = partSize > 0 ? { range: `bytes=${partSize}-`, 'accept-encoding': 'identity' } : { 'accept-encoding': 'identity' };
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers });
  const refused = await refusal(response, url, part, partSize);
  if (refused || !response.body) return refused ?? { ok: false, reason: 'empty answer' };
  const resumed = response.status === 206 ? partSize : 0;
  await pipeline(Readable.fromWeb(response.body as ReadableStream<Uint8Array>), createWriteStream(part, { flags: resumed > 0 ? 'a' : 'w' }));
  const expected = expectedSize(response, resumed);
  const had = (await sizeOf(part)) ?? 0;
  if (expected !== undefined && had !== expected) throw new RetryableError(`incomplete (${had} of ${expected} bytes)`);
  await rename(part, target);
  return { ok: true };
}

function describe(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timed out';
  if (error instanceof RetryableError) return error.message;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  return cause ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Downloads `url` to `target` unless it is already there. Never throws: a failure is an outcome with a reason.
 * Partial data stays in `<target>.part` for the next attempt or the next run.
 */
export async function downloadFile(url: string, target: string, options: DownloadOptions): Promise<Outcome> {
  if ((await sizeOf(target)) !== undefined) return { ok: true };
  const part = `${target}.part`;
  let reason = 'not attempted';
  for (let tries = 0; tries <= options.retries; tries += 1) {
    if (tries > 0) await sleep(options.retryDelayMs * 2 ** (tries - 1));
    try {
      await mkdir(path.dirname(target), { recursive: true });
      return await attempt(url, target, part, options.timeoutMs);
    } catch (error) {
      reason = describe(error);
    }
  }
  return { ok: false, reason };
}
