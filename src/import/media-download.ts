/**
 * One file over HTTP, the careful way. Only public addresses are connected to (see `address-policy.ts`), every
 * redirect hop included. Each file has a size cap and the import a total cap, both counted as bytes arrive; a
 * time limit per attempt and a deadline for the whole file (retries and waits included), so a server dripping
 * bytes cannot hold the import. Retried: only what can go away (time-outs, connection resets, 5xx, 408, 429
 * with a short `Retry-After`); never another 4xx nor a refusal. Partial data lives in the session's parts
 * folder, outside the site folder, so a retry resumes with a `Range` request and a failure leaves nothing in
 * `static/`; the file appears under its own name only once complete and its bytes are the type its name says.
 */
import { copyFile, type FileHandle, mkdir, mkdtemp, open, rename, rm, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { type IncomingMessage, STATUS_CODES } from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AddressPolicy, addressPolicy, RefusedAddress } from './address-policy.js';
import { httpGet } from './http-get.js';

/** Limits of one import's downloads; every field has a default (see `downloadSettings`). */
export interface DownloadLimits {
  /** Per attempt (default 60 000 ms). */
  timeoutMs: number;
  /** For the whole file, every attempt and wait included (default 120 000 ms). */
  deadlineMs: number;
  /** Further attempts after an error that can go away (default 3). */
  retries: number;
  /** First backoff; each retry waits twice as long as the one before (default 500 ms). */
  retryDelayMs: number;
  /** Largest file taken (default 100 MiB). */
  maxFileBytes: number;
  /** Most bytes downloaded by one import, all files together (default 2 GiB). */
  maxTotalBytes: number;
  /** Where hosts resolve to and which addresses may be connected to (default: public addresses only). */
  policy: AddressPolicy;
}

/** Had, or not with why (`404 Not Found`, `timed out`); `refused` when the file was turned away, not missing. */
export type Outcome = { ok: true } | { ok: false; reason: string; refused?: boolean };

/** The longest `Retry-After` waited for. */
const MAX_RETRY_AFTER_MS = 30_000;

const MIB = 1024 * 1024;

/** Limits as given by a caller: any part may be left out. */
export type DownloadSettings = Partial<Omit<DownloadLimits, 'policy'>> & { policy?: Partial<AddressPolicy> };

/** Limits with defaults for what `given` leaves out. */
export function downloadSettings(given: DownloadSettings = {}): DownloadLimits {
  return {
    timeoutMs: given.timeoutMs ?? 60_000,
    deadlineMs: given.deadlineMs ?? 120_000,
    retries: given.retries ?? 3,
    retryDelayMs: given.retryDelayMs ?? 500,
    maxFileBytes: given.maxFileBytes ?? 100 * MIB,
    maxTotalBytes: given.maxTotalBytes ?? 2048 * MIB,
    policy: addressPolicy(given.policy),
  };
}

/** Worth asking again, perhaps after `waitMs`. */
class RetryableError extends Error {
  constructor(
    message: string,
    readonly waitMs?: number,
    /** The part already had no longer fits: drop it and start from the first byte. */
    readonly restart = false,
  ) {
    super(message);
  }
}

/** Not to be asked again: a 404, 403 or other answer that will stay the same. */
class Final extends Error {}

/** Turned away by the import's own rules (type, size): asking again cannot help. */
class Refusal extends Error {}

/** Network errors that can go away by themselves. */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'ENETRESET']);

function sizeText(bytes: number): string {
  return bytes >= MIB ? `${Math.round(bytes / MIB)} MB` : `${Math.round(bytes / 1024)} KB`;
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch {
    return undefined;
  }
}

function header(response: IncomingMessage, name: string): string {
  const value = response.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** The full size the server says the file has (`Content-Range: bytes 100-199/200`, or `Content-Length` for a whole body). */
function expectedSize(response: IncomingMessage, resumedFrom: number): number | undefined {
  const range = /\/(\d+)\s*$/.exec(header(response, 'content-range'));
  if (range?.[1]) return Number(range[1]);
  const length = header(response, 'content-length');
  return /^\d+$/.test(length) ? Number(length) + resumedFrom : undefined;
}

/** Whether the server answered with the part asked for: a 206 must start where the part file ends. */
function resumesAt(response: IncomingMessage, partSize: number): boolean {
  const start = /^bytes (\d+)-/.exec(header(response, 'content-range'))?.[1];
  return response.statusCode !== 206 || Number(start) === partSize;
}

/** How long a 429 or 503 asks to wait (`Retry-After` in seconds or as a date), if it says. */
function retryAfterMs(response: IncomingMessage): number | undefined {
  const value = header(response, 'retry-after').trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function statusText(response: IncomingMessage): string {
  const code = response.statusCode ?? 0;
  return `${code} ${response.statusMessage || STATUS_CODES[code] || ''}`.trim();
}

/** Where the body starts in the file (0, or the part's size for a 206); throws for an answer that is not (a part of) the file. */
function checkAnswer(response: IncomingMessage, partSize: number, limits: DownloadLimits): number {
  const status = response.statusCode ?? 0;
  if ((status === 416 && partSize > 0) || !resumesAt(response, partSize)) throw new RetryableError(statusText(response), undefined, true);
  if (status === 429 || status === 503) {
    const wait = retryAfterMs(response);
    if (wait !== undefined && wait > MAX_RETRY_AFTER_MS) throw new Final(`${statusText(response)}, and asked to wait ${Math.round(wait / 1000)} s`);
    throw new RetryableError(statusText(response), wait);
  }
  if (status >= 500 || status === 408) throw new RetryableError(statusText(response));
  if (status < 200 || status > 299) throw new Final(statusText(response));
  const resumed = status === 206 ? partSize : 0;
  const expected = expectedSize(response, resumed);
  if (expected !== undefined && expected > limits.maxFileBytes) throw new Refusal(`it is ${sizeText(expected)}, over the ${sizeText(limits.maxFileBytes)} a file may be`);
  return resumed;
}

/** Bytes waiting to be written before the body is paused. */
const WRITE_BACKLOG = 4 * MIB;

/**
 * Appends the body to `part`, counting bytes as they arrive and stopping at the file's cap or the import's.
 * Chunks are taken as they come (a stream's unread buffer is dropped when the connection is cut), so what a
 * cut connection delivered is on disk for the retry to resume from.
 */
async function writeBody(response: IncomingMessage, file: FileHandle, resumed: number, limits: DownloadLimits, budget: DownloadBudget): Promise<void> {
  // Listeners go on before the first await: a body that arrives and breaks off in between would be lost.
  let had = resumed;
  let backlog = 0;
  let writing: Promise<unknown> = resumed > 0 ? Promise.resolve() : file.truncate(0);
  try {
    await new Promise<void>((resolve, reject) => {
      response.on('data', (chunk: Buffer) => {
        had += chunk.length;
        budget.used += chunk.length;
        const over =
          had > limits.maxFileBytes
            ? `it is over the ${sizeText(limits.maxFileBytes)} a file may be`
            : budget.used > limits.maxTotalBytes
              ? `the import reached its ${sizeText(limits.maxTotalBytes)} download total`
              : undefined;
        if (over) {
          reject(new Refusal(over));
          response.destroy();
          return;
        }
        backlog += chunk.length;
        if (backlog > WRITE_BACKLOG) response.pause();
        writing = writing.then(async () => {
          await file.write(chunk);
          backlog -= chunk.length;
          if (backlog <= WRITE_BACKLOG) response.resume();
        });
      });
      response.on('end', resolve);
      response.on('error', reject);
      response.on('close', () => reject(new RetryableError('the connection closed before the end of the file')));
    });
    await writing;
  } finally {
    await writing.catch(() => undefined);
  }
}

async function headOf(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(64);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Puts the finished part at `target` (a rename on one disk; a copy, then a rename beside it, across disks). */
async function moveInto(part: string, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await rename(part, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const beside = `${target}.${process.pid}.tmp`;
    await copyFile(part, beside);
    await rename(beside, target);
    await rm(part, { force: true });
  }
}

/** Bytes downloaded so far by one import, against its total cap. */
export interface DownloadBudget {
  used: number;
}

/**
 * The downloads of one import: its limits, its byte budget and the parts folder. The parts folder sits beside
 * the site folder (same disk, so a finished file moves in by renaming) and is removed by `close`.
 */
export class DownloadSession {
  private constructor(
    readonly limits: DownloadLimits,
    private readonly partsFolder: string,
    private readonly budget: DownloadBudget,
  ) {}

  static async open(siteFolder: string, limits: DownloadLimits, budget: DownloadBudget = { used: 0 }): Promise<DownloadSession> {
    const site = path.resolve(siteFolder);
    await mkdir(path.dirname(site), { recursive: true });
    return new DownloadSession(limits, await mkdtemp(path.join(path.dirname(site), `.${path.basename(site)}.download-`)), budget);
  }

  async close(): Promise<void> {
    await rm(this.partsFolder, { recursive: true, force: true });
  }

  /**
   * Downloads `url` to `target` unless it is already there; `check` says why the first bytes are not the file
   * (or undefined). Never throws: a failure is an outcome with a reason.
   */
  async download(url: string, target: string, check: (head: Uint8Array) => string | undefined): Promise<Outcome> {
    if ((await sizeOf(target)) !== undefined) return { ok: true };
    const part = path.join(this.partsFolder, `${createHash('sha256').update(target).digest('hex').slice(0, 32)}.part`);
    const deadline = AbortSignal.timeout(this.limits.deadlineMs);
    try {
      return await this.withRetries(url, target, part, check, deadline);
    } finally {
      await rm(part, { force: true });
      // A `.part` an older version left beside the file would be published.
      await rm(`${target}.part`, { force: true });
    }
  }

  private async withRetries(url: string, target: string, part: string, check: (head: Uint8Array) => string | undefined, deadline: AbortSignal): Promise<Outcome> {
    let wait = 0;
    for (let tries = 0; ; tries += 1) {
      try {
        if (wait > 0) await sleep(wait, undefined, { signal: deadline });
        return await this.attempt(url, target, part, check, deadline);
      } catch (error) {
        if (deadline.aborted) return { ok: false, reason: 'timed out' };
        if (error instanceof Refusal || error instanceof RefusedAddress) return { ok: false, reason: error.message, refused: true };
        if (error instanceof Final) return { ok: false, reason: error.message };
        const retryable = error instanceof RetryableError || isTransient(error);
        if (!retryable || tries >= this.limits.retries) return { ok: false, reason: describe(error) };
        wait = error instanceof RetryableError && error.waitMs !== undefined ? error.waitMs : this.limits.retryDelayMs * 2 ** tries;
      }
    }
  }

  private async attempt(url: string, target: string, part: string, check: (head: Uint8Array) => string | undefined, deadline: AbortSignal): Promise<Outcome> {
    const partSize = (await sizeOf(part)) ?? 0;
    // Identity encoding: the file's bytes as stored, so sizes can be checked and a part resumed.
    const headers: Record<string, string> = { 'accept-encoding': 'identity', 'user-agent': 'sectorpress-import', ...(partSize > 0 ? { range: `bytes=${partSize}-` } : {}) };
    const signal = AbortSignal.any([deadline, AbortSignal.timeout(this.limits.timeoutMs)]);
    const file = await open(part, 'a');
    try {
      const { response } = await httpGet(url, { policy: this.limits.policy, signal, headers });
      try {
        const resumed = checkAnswer(response, partSize, this.limits);
        await writeBody(response, file, resumed, this.limits, this.budget);
        const expected = expectedSize(response, resumed);
        const had = (await file.stat()).size;
        if (expected !== undefined && had !== expected) throw new RetryableError(`incomplete (${had} of ${expected} bytes)`);
      } finally {
        response.destroy();
      }
    } catch (error) {
      if (error instanceof RetryableError && error.restart) await file.truncate(0);
      // An attempt's time running out mid-body shows as a closed connection; say what it was.
      if (signal.aborted && !(error instanceof Refusal)) throw new RetryableError('timed out');
      throw error;
    } finally {
      await file.close();
    }
    const wrong = check(await headOf(part));
    if (wrong) throw new Refusal(wrong);
    await moveInto(part, target);
    return { ok: true };
  }
}

function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return true;
  const code = (error as NodeJS.ErrnoException).code;
  return code !== undefined && TRANSIENT_CODES.has(code);
}

function describe(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timed out';
  if (error instanceof RetryableError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}
