/**
 * External links, requested politely and only on the public internet: a few at a time overall,
 * two at a time and spaced per host (host-pacing.ts), a time limit each, HEAD first and GET when
 * the server refuses HEAD. Every host, the link's own and each redirect's, is resolved first and
 * refused when any of its addresses is not public (loopback, private, link-local, ...): a link in
 * content must not make the checker talk to this computer or its network. Links that answered OK
 * recently are not requested again (a cache file in the site's cache folder).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../shared/errors.js';
import { type HostResolution, resolvePublic } from '../shared/public-address.js';
import { describeLink, type LinkUse } from './check-links.js';
import { forEachPaced, type PacingLimits } from './host-pacing.js';

const PACING: PacingLimits = { overall: 8, perHost: 2, intervalMs: 200 };
const MAX_REDIRECTS = 10;
/** How long an OK answer is trusted. */
const FRESH_MS = 24 * 60 * 60 * 1000;
const CACHE_FILE = 'external-links.json';

type Cache = Record<string, { readonly checkedAt: number }>;

export interface ExternalOptions {
  readonly cacheDir?: string;
  readonly timeoutMs: number;
  /** The clock, for the cache (tests move it). */
  readonly now?: number;
  /** Which hosts may be requested; default: those whose every address is public (`resolvePublic`). */
  readonly resolveHost?: (host: string) => Promise<HostResolution>;
  /** Least time between requests to one host, in milliseconds (default 200). */
  readonly hostIntervalMs?: number;
}

/** Any host at all: `--allow-private-addresses`, for a site on an intranet (or a test's local server). */
export const ANY_HOST = async (): Promise<HostResolution> => ({ kind: 'public', addresses: [] });

/** Why a URL was not requested, or failed: `private` when the address policy refused a host. */
interface Outcome {
  readonly reason: string;
  readonly refused?: boolean;
}

async function readCache(cacheDir: string | undefined): Promise<Cache> {
  if (!cacheDir) return {};
  try {
    return JSON.parse(await fs.readFile(path.join(cacheDir, CACHE_FILE), 'utf8')) as Cache;
  } catch {
    return {};
  }
}

async function writeCache(cacheDir: string | undefined, cache: Cache): Promise<void> {
  if (!cacheDir) return;
  await fs.mkdir(cacheDir, { recursive: true });
  const temporary = path.join(cacheDir, `${CACHE_FILE}.${process.pid}.tmp`);
  await fs.writeFile(temporary, JSON.stringify(cache));
  await fs.rename(temporary, path.join(cacheDir, CACHE_FILE));
}

type Fetched = Response | Outcome;

/** One request, redirects followed by hand so every hop's host passes the address policy first. */
async function request(url: string, method: string, signal: AbortSignal, hosts: (host: string) => Promise<HostResolution>, pace: (next: string) => Promise<void>): Promise<Fetched> {
  let current = new URL(url);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') return { reason: `redirected to ${current.protocol} address` };
    const where = await hosts(current.hostname);
    if (where.kind === 'private') return { reason: `not checked: private address (${where.address})`, refused: true };
    if (where.kind === 'unresolved') return { reason: `unreachable (${where.code})` };
    await pace(current.href);
    const response = await fetch(current, { method, redirect: 'manual', signal, headers: { 'user-agent': 'sectorpress-check (link checker)' } });
    await response.body?.cancel();
    const location = response.headers.get('location');
    if (response.status < 300 || response.status > 399 || location === null) return response;
    current = new URL(location, current);
  }
  return { reason: `more than ${MAX_REDIRECTS} redirects` };
}

/** `undefined` when the URL answers OK, else why not. */
async function probe(url: string, timeoutMs: number, hosts: (host: string) => Promise<HostResolution>, pace: (next: string) => Promise<void>): Promise<Outcome | undefined> {
  let outcome: Outcome | undefined;
  for (const method of ['HEAD', 'GET']) {
    try {
      const answer = await request(url, method, AbortSignal.timeout(timeoutMs), hosts, pace);
      if (!(answer instanceof Response)) return answer;
      if (answer.ok) return undefined;
      outcome = { reason: `HTTP ${answer.status}` };
    } catch (error) {
      const name = (error as Error).name;
      outcome = {
        reason:
          name === 'TimeoutError' || name === 'AbortError'
            ? `no answer within ${timeoutMs / 1000} s`
            : `unreachable (${(error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message})`,
      };
      if (name === 'TimeoutError') return outcome;
    }
  }
  return outcome;
}

/** Resolve each host once per run (every link to it, and every redirect through it). */
function memoised(resolve: (host: string) => Promise<HostResolution>): (host: string) => Promise<HostResolution> {
  const known = new Map<string, Promise<HostResolution>>();
  return (host) => {
    const key = host.toLowerCase();
    let found = known.get(key);
    if (!found) {
      found = resolve(key);
      known.set(key, found);
    }
    return found;
  };
}

/** Request every external URL not known to be OK; one problem per use of a broken one. */
export async function checkExternal(external: ReadonlyMap<string, readonly LinkUse[]>, options: ExternalOptions): Promise<{ problems: Problem[]; checked: number }> {
  const now = options.now ?? Date.now();
  const cache = await readCache(options.cacheDir);
  const byTarget = new Map<string, LinkUse[]>();
  for (const [url, uses] of external) {
    const target = url.replace(/#.*$/, '');
    byTarget.set(target, [...(byTarget.get(target) ?? []), ...uses]);
  }
  const due = [...byTarget.keys()].filter((url) => !(now - (cache[url]?.checkedAt ?? 0) < FRESH_MS));
  const problems: Problem[] = [];
  const hosts = memoised(options.resolveHost ?? ((host) => resolvePublic(host)));
  await forEachPaced(due, { ...PACING, intervalMs: options.hostIntervalMs ?? PACING.intervalMs }, async (url, pace) => {
    const outcome = await probe(url, options.timeoutMs, hosts, pace);
    if (outcome === undefined) {
      cache[url] = { checkedAt: now };
      return;
    }
    delete cache[url];
    for (const use of byTarget.get(url) ?? []) {
      problems.push({
        severity: 'error',
        code: outcome.refused ? 'check/external-private' : 'check/external-link',
        message: `${describeLink(use.link)} → ${outcome.reason}`,
        file: use.file,
        line: use.link.line,
        column: use.link.column,
        hint: outcome.refused
          ? 'Readers cannot reach a private address: link to a public page. For a site on an intranet, check with --allow-private-addresses.'
          : 'Update or remove the link (a moved page often has a new address).',
      });
    }
  });
  await writeCache(options.cacheDir, cache);
  return { problems, checked: due.length };
}
