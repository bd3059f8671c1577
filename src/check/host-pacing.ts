/**
 * Politeness towards the servers a site links to: a cap on requests in flight overall, a smaller
 * one per host, and a gap between the starts of requests to one host, so a site with hundreds of
 * links to one council's pages does not look like an attack on it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { forEachLimited } from '../shared/for-each-limited.js';

export interface PacingLimits {
  /** Requests in flight across all hosts. */
  readonly overall: number;
  /** URLs of one host in flight at once. */
  readonly perHost: number;
  /** Least time between the starts of two requests to one host, in milliseconds. */
  readonly intervalMs: number;
}

/** At most `limit` calls of the returned function's tasks run at once; the rest wait their turn. */
function semaphore(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    while (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

/** The host a URL's requests are paced by: its hostname (one machine, whatever the port). */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/**
 * Run `task` once per URL within `limits`; `task` gets `pace(url)`, to await before each request
 * it makes (redirect hops included), which spaces requests to that URL's host.
 */
export async function forEachPaced(urls: readonly string[], limits: PacingLimits, task: (url: string, pace: (next: string) => Promise<void>) => Promise<void>): Promise<void> {
  const nextStart = new Map<string, number>();
  const pace = async (next: string): Promise<void> => {
    const host = hostOf(next);
    const now = Date.now();
    const at = Math.max(now, nextStart.get(host) ?? 0);
    nextStart.set(host, at + limits.intervalMs);
    if (at > now) await sleep(at - now);
  };
  const byHost = new Map<string, string[]>();
  for (const url of urls) byHost.set(hostOf(url), [...(byHost.get(hostOf(url)) ?? []), url]);
  const overall = semaphore(limits.overall);
  await Promise.all([...byHost.values()].map((own) => forEachLimited(own, limits.perHost, (url) => overall(() => task(url, pace)))));
}
