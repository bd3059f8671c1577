/**
 * External links, requested with a few at a time and a time limit each: HEAD first, GET when
 * the server refuses HEAD. Links that answered OK recently are not requested again (a cache
 * file in the site's cache folder), so a check on every build stays quick and polite.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../shared/errors.js';
import { forEachLimited } from '../shared/for-each-limited.js';
import { describeLink, type LinkUse } from './check-links.js';

const CONCURRENCY = 8;
/** How long an OK answer is trusted. */
const FRESH_MS = 24 * 60 * 60 * 1000;
const CACHE_FILE = 'external-links.json';

type Cache = Record<string, { readonly checkedAt: number }>;

export interface ExternalOptions {
  readonly cacheDir?: string;
  readonly timeoutMs: number;
  /** The clock, for the cache (tests move it). */
  readonly now?: number;
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

/** `undefined` when the URL answers OK, else why not. */
async function probe(url: string, timeoutMs: number): Promise<string | undefined> {
  let reason: string | undefined;
  for (const method of ['HEAD', 'GET']) {
    try {
      const response = await fetch(url, { method, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'sectorpress-check (link checker)' } });
      await response.body?.cancel();
      if (response.ok) return undefined;
      reason = `HTTP ${response.status}`;
    } catch (error) {
      const name = (error as Error).name;
      reason =
        name === 'TimeoutError' || name === 'AbortError'
          ? `no answer within ${timeoutMs / 1000} s`
          : `unreachable (${(error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message})`;
      if (name === 'TimeoutError') return reason;
    }
  }
  return reason;
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
  await forEachLimited(due, CONCURRENCY, async (url) => {
    const reason = await probe(url, options.timeoutMs);
    if (reason === undefined) {
      cache[url] = { checkedAt: now };
      return;
    }
    delete cache[url];
    for (const use of byTarget.get(url) ?? []) {
      problems.push({
        severity: 'error',
        code: 'check/external-link',
        message: `${describeLink(use.link)} → ${reason}`,
        file: use.file,
        line: use.link.line,
        column: use.link.column,
        hint: 'Update or remove the link (a moved page often has a new address).',
      });
    }
  });
  await writeCache(options.cacheDir, cache);
  return { problems, checked: due.length };
}
